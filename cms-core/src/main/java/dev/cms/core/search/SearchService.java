package dev.cms.core.search;

import dev.cms.core.search.SearchIndexSearcher.Hit;
import jakarta.inject.Singleton;
import org.apache.lucene.search.Query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Site search for readers: published articles by title, summary and body, ten to a page. The
 * index ranks and cuts snippets; the database has the last word on every hit (still published,
 * publish time come, and the same version the index holds), so nothing that is not public now is
 * ever shown, whatever state the index is in.
 */
@Singleton
public class SearchService {

    public static final int PAGE_SIZE = 10;
    /** The last page that can hold hits: the index ranks the first {@value SearchIndexSearcher#MAX_RESULTS}. */
    public static final long MAX_PAGE = SearchIndexSearcher.MAX_RESULTS / PAGE_SIZE;

    private final SearchIndex index;
    private final SearchIndexSearcher searcher;
    private final SearchRepository articles;
    private final SearchQueries queries;
    private final Clock clock;

    public SearchService(SearchIndex index, SearchRepository articles, Clock clock) {
        this.index = index;
        this.searcher = index.searcher();
        this.articles = articles;
        this.queries = new SearchQueries(index.analyzers());
        this.clock = clock;
    }

    /**
     * One page of results for what a reader typed (any text; no syntax). A page past the end is
     * an empty page, not an error.
     *
     * @param page from 1
     */
    public SearchResults search(String text, long page) {
        if (page < 1) {
            throw new IllegalArgumentException("Page numbers start at 1, not " + page);
        }
        String query = SearchQueries.normalize(text);
        if (query.isEmpty()) {
            return SearchResults.noQuery();
        }
        Optional<Query> lucene = queries.build(query);
        if (lucene.isEmpty()) {
            return new SearchResults(query, SearchResults.Outcome.SEARCHED, page, 0, List.of());
        }
        Instant now = clock.instant();
        long offset = page > MAX_PAGE ? SearchIndexSearcher.MAX_RESULTS : (page - 1) * PAGE_SIZE;
        SearchIndexSearcher.Hits found;
        try {
            found = searcher.search(lucene.get(), (int) offset, PAGE_SIZE, now);
        } catch (SearchUnavailableException e) {
            return SearchResults.unavailable(query, page);
        }
        return new SearchResults(query, SearchResults.Outcome.SEARCHED, page, found.total(), confirmed(found.hits(), now));
    }

    private List<SearchHit> confirmed(List<Hit> hits, Instant now) {
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<Long, PublishedVersion> current = articles.findPublishedVersions(hits.stream().map(Hit::id).toList(), now)
                .stream().collect(Collectors.toMap(PublishedVersion::id, Function.identity()));
        List<SearchHit> confirmed = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            PublishedVersion version = current.get(hit.id());
            if (version == null || SearchDocuments.micros(version.updatedAt()) != hit.updatedAtMicros()) {
                // The index is behind the database (say, a change made on another node and not yet
                // caught up): leave the hit out rather than show text that is not public now.
                index.articleChanged(hit.id());
                continue;
            }
            String titleHtml = hit.titleHtml().isEmpty() ? SnippetFormatter.escape(version.title()) : hit.titleHtml();
            confirmed.add(new SearchHit(version.id(), version.slug(), version.title(), titleHtml, hit.snippetHtml(),
                    version.publishedAt()));
        }
        return confirmed;
    }
}
