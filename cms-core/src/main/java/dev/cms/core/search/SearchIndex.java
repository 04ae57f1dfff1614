package dev.cms.core.search;

import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.site.SiteSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * This node's Lucene index of published articles, under {@code <data-dir>/search-index}, as the
 * rest of the application uses it. The database is the truth and the index only follows it:
 * through article change events, a periodic catch-up with changes made on other nodes, and a full
 * rebuild whenever the index is missing, incomplete, of an older layout, or fails to read.
 *
 * <p>The work is done by three classes of this package: {@link SearchIndexStore} keeps the Lucene
 * files, {@link SearchIndexer} decides what goes into them and when (on one background thread),
 * and {@link SearchIndexSearcher} answers queries with snippets. This one builds them, closes them
 * on shutdown, and is the only one other modules see.
 */
@Singleton
public class SearchIndex {

    private static final String DIRECTORY = "search-index";

    private final SearchRepository articles;
    private final Clock clock;
    private final SearchAnalyzers analyzers;
    private final SearchIndexer indexer;
    private final SearchIndexSearcher searcher;

    public SearchIndex(SiteSettings site, SearchRepository articles, MarkdownRenderer markdown, Clock clock) {
        this.articles = articles;
        this.clock = clock;
        this.analyzers = new SearchAnalyzers();
        this.indexer = new SearchIndexer(site.dataPath().resolve(DIRECTORY), articles, analyzers,
                new SearchDocuments(markdown), clock);
        this.searcher = new SearchIndexSearcher(indexer, analyzers);
    }

    /** Opens the index in the background and brings it up to date: a catch-up, or a rebuild when needed. */
    public void start() {
        indexer.start();
    }

    /** Queues an article to be indexed again from its committed state, or removed when it is no longer published. */
    public void articleChanged(long articleId) {
        indexer.articleChanged(articleId);
    }

    /** Queues a catch-up with articles changed since the last one, on any node. */
    public void catchUp() {
        indexer.catchUp();
    }

    /**
     * Rebuilds the index from the database and waits for it to finish (if a rebuild is already
     * under way, waits for that one: it reflects every change made until it ends). Searches keep
     * working on the current index meanwhile. For operators.
     *
     * @return the number of articles indexed
     * @throws IllegalStateException when the rebuild fails, saying why
     */
    public int rebuild() {
        return indexer.rebuild();
    }

    /**
     * Waits until the background work queued so far (changes, catch-ups, rebuilds and recoveries,
     * with all the pages of a rebuild) is done. For tests and operator commands.
     */
    public void awaitIdle(Duration timeout) {
        indexer.awaitIdle(timeout);
    }

    /**
     * Asks every node, this one included, to rebuild its index from the database: each notices at
     * its next catch-up ({@code cms.search.catch-up-interval}). For operators, with no node stopped.
     *
     * @return the new reindex generation
     */
    public long requestRebuildEverywhere(String by) {
        articles.requestReindex(clock.instant(), by);
        return articles.findReindexGeneration();
    }

    /** Whether the index is being opened or rebuilt right now. */
    public boolean isBuilding() {
        return indexer.isBuilding();
    }

    /** Whether searches are answered now (the index is open and complete). */
    public boolean isReady() {
        return indexer.isReady();
    }

    /** Where the index lives: {@code <data-dir>/search-index}. */
    public Path path() {
        return indexer.path();
    }

    SearchAnalyzers analyzers() {
        return analyzers;
    }

    SearchIndexSearcher searcher() {
        return searcher;
    }

    /** Lets queued indexing finish (for a while), then commits and closes the index. */
    @PreDestroy
    public void close() {
        indexer.close();
    }
}
