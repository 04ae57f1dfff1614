package dev.cms.core.search;

import dev.cms.core.search.SnippetFormatter.Snippet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts the snippets of one result page from the stored character-pair fields, using the offsets
 * kept in the index: the whole title with its matches marked, the best sentence of the summary
 * and the best two of the body. Every field gives a {@link Snippet}; unmatched fields give their
 * opening text, so there is always something to show.
 */
final class SearchHighlighter extends UnifiedHighlighter {

    static final String[] FIELDS = {SearchDocuments.TITLE_PAIRS, SearchDocuments.SUMMARY_PAIRS, SearchDocuments.BODY_PAIRS};
    private static final int[] PASSAGES = {1, 1, 2};
    /** Article bodies may be 500,000 characters; matches anywhere in them should be found. */
    private static final int MAX_TEXT_LENGTH = 600_000;
    private static final int SENTENCE_GOAL = 60;

    private static final PassageFormatter WHOLE = new SnippetFormatter(Integer.MAX_VALUE);
    private static final PassageFormatter SUMMARY = new SnippetFormatter(160);
    private static final PassageFormatter BODY = new SnippetFormatter(110);

    SearchHighlighter(IndexSearcher searcher, Analyzer indexAnalyzer) {
        super(UnifiedHighlighter.builder(searcher, indexAnalyzer)
                .withMaxLength(MAX_TEXT_LENGTH)
                .withMaxNoHighlightPassages(1)
                .withWeightMatches(true));
    }

    /** Snippets of {@link #FIELDS} (in that order) for each document, in the order of {@code docIds}. */
    Map<String, Object[]> snippets(Query query, int[] docIds) throws IOException {
        return highlightFieldsAsObjects(FIELDS, query, docIds, PASSAGES);
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
        if (SearchDocuments.TITLE_PAIRS.equals(field)) {
            return new WholeBreakIterator();
        }
        // Sentences end at 。！？ as well as at . ! ?; short ones are joined up to the goal, the match
        // about a third of the way in.
        return LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT),
                SENTENCE_GOAL, 0.3f);
    }

    @Override
    protected PassageFormatter getFormatter(String field) {
        return switch (field) {
            case SearchDocuments.TITLE_PAIRS -> WHOLE;
            case SearchDocuments.SUMMARY_PAIRS -> SUMMARY;
            default -> BODY;
        };
    }
}
