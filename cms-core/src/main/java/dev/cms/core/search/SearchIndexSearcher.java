package dev.cms.core.search;

import dev.cms.core.search.SnippetFormatter.Snippet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a query from the index: one page of ranked hits among articles whose publish time has
 * come, each with its title and snippet marked up as safe HTML. Whether there is an index it may
 * read is the {@link SearchIndexer}'s call, and so is what to do when reading it fails.
 */
final class SearchIndexSearcher {

    /** Results deeper than this are counted but not ranked: nobody reads page 101 of a search. */
    static final int MAX_RESULTS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexSearcher.class);

    private final SearchIndexer indexer;
    private final SearchAnalyzers analyzers;

    SearchIndexSearcher(SearchIndexer indexer, SearchAnalyzers analyzers) {
        this.indexer = indexer;
        this.analyzers = analyzers;
    }

    /**
     * The hits ranked {@code offset} to {@code offset + limit} among articles whose publish time is
     * not after {@code now}, with their snippets.
     *
     * @throws SearchUnavailableException when the index cannot answer; a recovery is then under way
     */
    Hits search(Query query, int offset, int limit, Instant now) {
        SearchIndexStore store = indexer.storeToSearch();
        IndexSearcher searcher;
        try {
            searcher = store.acquire();
        } catch (IOException | AlreadyClosedException e) {
            throw new SearchUnavailableException("The search index is being replaced", e);
        }
        try {
            return search(searcher, query, offset, limit, now);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Searching the index at {} failed", indexer.path(), e);
            indexer.requestRecovery(e.toString());
            throw new SearchUnavailableException("Searching the index failed", e);
        } finally {
            try {
                store.release(searcher);
            } catch (IOException | AlreadyClosedException e) {
                LOG.debug("Releasing a searcher failed", e);
            }
        }
    }

    private Hits search(IndexSearcher searcher, Query query, int offset, int limit, Instant now) throws IOException {
        Query published = new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(LongPoint.newRangeQuery(SearchDocuments.PUBLISHED_AT, Long.MIN_VALUE, now.toEpochMilli()), Occur.FILTER)
                .build();
        if (offset >= MAX_RESULTS) {
            return new Hits(searcher.count(published), List.of());
        }
        int wanted = Math.min(offset + limit, MAX_RESULTS);
        TopDocs top = searcher.search(published, new TopScoreDocCollectorManager(wanted, null, Integer.MAX_VALUE));
        ScoreDoc[] ranked = top.scoreDocs;
        int from = Math.min(offset, ranked.length);
        int to = Math.min(wanted, ranked.length);
        if (from >= to) {
            return new Hits(top.totalHits.value, List.of());
        }
        int[] docIds = new int[to - from];
        for (int i = from; i < to; i++) {
            docIds[i - from] = ranked[i].doc;
        }
        Map<String, Object[]> snippets = new SearchHighlighter(searcher, analyzers.index()).snippets(query, docIds);
        StoredFields stored = searcher.storedFields();
        Set<String> keys = Set.of(SearchDocuments.ID, SearchDocuments.UPDATED_AT);
        List<Hit> hits = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            Document doc = stored.document(docIds[i], keys);
            hits.add(new Hit(Long.parseLong(doc.get(SearchDocuments.ID)),
                    doc.getField(SearchDocuments.UPDATED_AT).numericValue().longValue(),
                    html(snippet(snippets, SearchDocuments.TITLE_PAIRS, i)),
                    html(bestOf(snippet(snippets, SearchDocuments.BODY_PAIRS, i),
                            snippet(snippets, SearchDocuments.SUMMARY_PAIRS, i)))));
        }
        return new Hits(top.totalHits.value, hits);
    }

    private static Snippet snippet(Map<String, Object[]> snippets, String field, int i) {
        Object[] values = snippets.get(field);
        return values == null ? null : (Snippet) values[i];
    }

    /** The body where it matches, else the summary where it matches, else the summary, else the body's opening. */
    private static Snippet bestOf(Snippet body, Snippet summary) {
        if (body != null && body.marked()) {
            return body;
        }
        if (summary != null && (summary.marked() || !summary.html().isEmpty())) {
            return summary;
        }
        return body;
    }

    private static String html(Snippet snippet) {
        return snippet == null ? "" : snippet.html();
    }

    /** One page of hits: how many match in all, and the page's with HTML-safe snippets. */
    record Hits(long total, List<Hit> hits) {
    }

    /** A hit: the article, the version of it the index holds, its marked title and snippet. */
    record Hit(long id, long updatedAtMicros, String titleHtml, String snippetHtml) {
    }
}
