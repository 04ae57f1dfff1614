package dev.cms.core.search;

import dev.cms.core.search.SearchAnalyzers.Token;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a reader typed into a Lucene query, built term by term: no query syntax is ever
 * parsed, so quotes, brackets or a stray {@code AND} are just text and can never cause an error.
 *
 * <p>Whitespace separates parts, and every part must match somewhere (title, summary or body).
 * A part matches as words (smartcn) or as a run of characters (the phrase of its character pairs),
 * so 安全 finds 安全管理器 and 安 finds it too. Title clauses weigh far more than summary and body
 * ones, so an article with the words in its title ranks above one that only mentions them.
 */
final class SearchQueries {

    /** Longer queries are cut here (in code points): enough for any real search, bounded work per request. */
    static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_PARTS = 8;
    private static final int MIN_PREFIX_LENGTH = 3;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}]+");

    private static final float TITLE_WORDS = 12f;
    private static final float TITLE_PAIRS = 8f;
    private static final float TITLE_PREFIX = 2f;
    private static final float SUMMARY_WORDS = 3f;
    private static final float SUMMARY_PAIRS = 2f;
    private static final float SUMMARY_PREFIX = 0.5f;
    private static final float BODY_WORDS = 1f;
    private static final float BODY_PAIRS = 0.7f;
    private static final float BODY_PREFIX = 0.2f;

    private final SearchAnalyzers analyzers;

    SearchQueries(SearchAnalyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** The query as it will be searched: trimmed, inner whitespace collapsed, cut to the maximum length. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String collapsed = SEPARATORS.matcher(text).replaceAll(" ").strip();
        if (collapsed.codePointCount(0, collapsed.length()) > MAX_QUERY_LENGTH) {
            collapsed = collapsed.substring(0, collapsed.offsetByCodePoints(0, MAX_QUERY_LENGTH)).strip();
        }
        return collapsed;
    }

    /** The query for normalized text; empty when nothing searchable is left (only punctuation, say). */
    Optional<Query> build(String text) {
        Set<String> parts = new LinkedHashSet<>(List.of(SEPARATORS.split(text.strip())));
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int added = 0;
        for (String part : parts) {
            if (added == MAX_PARTS) {
                break;
            }
            Optional<Query> query = part(part);
            if (query.isPresent()) {
                all.add(query.get(), Occur.MUST);
                added++;
            }
        }
        return added == 0 ? Optional.empty() : Optional.of(all.build());
    }

    private Optional<Query> part(String part) {
        List<Token> words = analyzers.words(part);
        List<Token> pairs = analyzers.pairs(part);
        if (words.isEmpty() && pairs.isEmpty()) {
            return Optional.empty();
        }
        String prefix = prefixable(pairs);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        addField(any, SearchDocuments.TITLE_WORDS, SearchDocuments.TITLE_PAIRS, words, pairs, prefix,
                TITLE_WORDS, TITLE_PAIRS, TITLE_PREFIX);
        addField(any, SearchDocuments.SUMMARY_WORDS, SearchDocuments.SUMMARY_PAIRS, words, pairs, prefix,
                SUMMARY_WORDS, SUMMARY_PAIRS, SUMMARY_PREFIX);
        addField(any, SearchDocuments.BODY_WORDS, SearchDocuments.BODY_PAIRS, words, pairs, prefix,
                BODY_WORDS, BODY_PAIRS, BODY_PREFIX);
        return Optional.of(any.build());
    }

    private static void addField(BooleanQuery.Builder any, String wordField, String pairField, List<Token> words,
                                 List<Token> pairs, String prefix, float wordBoost, float pairBoost, float prefixBoost) {
        if (!words.isEmpty()) {
            any.add(new BoostQuery(allWords(wordField, words), wordBoost), Occur.SHOULD);
        }
        if (!pairs.isEmpty()) {
            any.add(new BoostQuery(phrase(pairField, pairs), pairBoost), Occur.SHOULD);
        }
        if (prefix != null) {
            // "micro" finds "Micronaut": only for a single Latin word, where a prefix means something.
            any.add(new BoostQuery(new PrefixQuery(new Term(pairField, prefix)), prefixBoost), Occur.SHOULD);
        }
    }

    /** All the words of the part, in any order (smartcn may cut the text a little differently in context). */
    private static Query allWords(String field, List<Token> words) {
        if (words.size() == 1) {
            return new TermQuery(new Term(field, words.get(0).term()));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        Set<String> terms = new LinkedHashSet<>();
        words.forEach(word -> terms.add(word.term()));
        for (String term : terms) {
            all.add(new TermQuery(new Term(field, term)), Occur.MUST);
        }
        return all.build();
    }

    private static Query phrase(String field, List<Token> pairs) {
        if (pairs.size() == 1) {
            return new TermQuery(new Term(field, pairs.get(0).term()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = pairs.get(0).position();
        for (Token pair : pairs) {
            phrase.add(new Term(field, pair.term()), pair.position() - first);
        }
        return phrase.build();
    }

    private static String prefixable(List<Token> pairs) {
        if (pairs.size() != 1) {
            return null;
        }
        String term = pairs.get(0).term();
        boolean latin = term.length() >= MIN_PREFIX_LENGTH
                && term.codePoints().allMatch(c -> c < 0x250 && Character.isLetterOrDigit(c));
        return latin ? term : null;
    }
}
