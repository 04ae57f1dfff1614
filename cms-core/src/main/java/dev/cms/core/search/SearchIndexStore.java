package dev.cms.core.search;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One opening of the Lucene index on disk: its directory, the one writer a process may hold
 * (Lucene's write lock), the searchers refreshed from it, and the {@link Checkpoint} each commit
 * carries. It only stores; what goes in and when is {@link SearchIndexer}'s business. A closed
 * store is never opened again: the indexer opens a new one in its place.
 */
final class SearchIndexStore {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexStore.class);
    /** Raise when fields or analysis change: an index of another layout is rebuilt, never read. */
    private static final String LAYOUT = "1";
    private static final String KEY_LAYOUT = "cms.layout";
    private static final String KEY_COMPLETE = "cms.complete";
    private static final String KEY_GENERATION = "cms.generation";
    private static final String KEY_WATERMARK = "cms.watermark";
    /** The operators' reindex generation (search_reindex) this index was last rebuilt for. */
    private static final String KEY_REINDEX = "cms.reindex";

    private final Path path;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearchDocuments documents;
    private final Checkpoint opened;

    /**
     * Where the indexer was at a commit, kept in the commit itself so it survives a restart.
     *
     * @param complete    every published article is in the index (else a rebuild is owed)
     * @param generation  the last rebuild's generation; documents of older ones are left-overs
     * @param reindexDone the operators' reindex generation the index was last rebuilt for
     * @param watermark   changes before this are in the index; null before the first rebuild ends
     */
    record Checkpoint(boolean complete, long generation, long reindexDone, Instant watermark) {
    }

    private SearchIndexStore(Path path, FSDirectory directory, IndexWriter writer, SearcherManager searchers,
                             SearchDocuments documents, Checkpoint opened) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.documents = documents;
        this.opened = opened;
    }

    /**
     * Opens the index at {@code path} (create: a new empty one in its place); one of another
     * layout is emptied.
     *
     * @throws LockObtainFailedException when another process holds the index
     */
    static SearchIndexStore open(Path path, SearchAnalyzers analyzers, SearchDocuments documents, boolean create)
            throws IOException {
        Files.createDirectories(path);
        FSDirectory directory = FSDirectory.open(path);
        IndexWriter writer = null;
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzers.index())
                    .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
            Map<String, String> data = new HashMap<>();
            if (writer.getLiveCommitData() != null) {
                writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
            }
            boolean sameLayout = LAYOUT.equals(data.get(KEY_LAYOUT));
            if (!sameLayout) {
                writer.deleteAll();
                data.clear();
            }
            SearcherManager searchers = new SearcherManager(writer, null);
            Checkpoint opened = new Checkpoint(Boolean.parseBoolean(data.get(KEY_COMPLETE)),
                    Long.parseLong(data.getOrDefault(KEY_GENERATION, "0")),
                    Long.parseLong(data.getOrDefault(KEY_REINDEX, "0")),
                    data.containsKey(KEY_WATERMARK) ? Instant.parse(data.get(KEY_WATERMARK)) : null);
            return new SearchIndexStore(path, directory, writer, searchers, documents, opened);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                try {
                    writer.rollback();
                } catch (IOException | RuntimeException ignored) {
                    // Already failing; the first exception says why.
                }
            }
            directory.close();
            throw e;
        }
    }

    /**
     * Opens a new empty index at {@code path}, clearing whatever is there if even that fails.
     *
     * @throws LockObtainFailedException when another process holds the index: then nothing is cleared
     */
    static SearchIndexStore openOrRecreate(Path path, SearchAnalyzers analyzers, SearchDocuments documents)
            throws IOException {
        try {
            return open(path, analyzers, documents, true);
        } catch (LockObtainFailedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Even overwriting failed: what is there is not an index we can read. It is ours (we held the lock).
            LOG.warn("Clearing the damaged search index at {} ({})", path, e.toString());
            deleteContents(path);
            return open(path, analyzers, documents, true);
        }
    }

    /** The checkpoint of the commit this store was opened at; all empty for a new index or one of another layout. */
    Checkpoint opened() {
        return opened;
    }

    /** Adds the article, or replaces the document it has. */
    void put(IndexableArticle article, long generation) throws IOException {
        try {
            writer.updateDocument(SearchDocuments.idTerm(article.id()), documents.of(article, generation));
        } catch (IllegalArgumentException e) {
            // One article Lucene refuses (say, text it cannot take) must not stop the others.
            LOG.warn("Article {} cannot be indexed: {}", article.id(), e.getMessage());
            writer.deleteDocuments(SearchDocuments.idTerm(article.id()));
        }
    }

    void remove(long articleId) throws IOException {
        writer.deleteDocuments(SearchDocuments.idTerm(articleId));
    }

    /** Drops the documents a rebuild of {@code generation} did not write again: articles gone meanwhile. */
    void removeGenerationsBefore(long generation) throws IOException {
        writer.deleteDocuments(LongPoint.newRangeQuery(SearchDocuments.GENERATION, Long.MIN_VALUE, generation - 1));
    }

    /** Commits everything written so far with the checkpoint, and lets new searches see it. */
    void commit(Checkpoint checkpoint) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(KEY_LAYOUT, LAYOUT);
        data.put(KEY_COMPLETE, Boolean.toString(checkpoint.complete()));
        data.put(KEY_GENERATION, Long.toString(checkpoint.generation()));
        data.put(KEY_REINDEX, Long.toString(checkpoint.reindexDone()));
        if (checkpoint.watermark() != null) {
            data.put(KEY_WATERMARK, checkpoint.watermark().toString());
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Documents in the last refreshed snapshot. */
    int count() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * A searcher on the last refreshed snapshot; give it back with {@link #release}.
     *
     * @throws org.apache.lucene.store.AlreadyClosedException when the store was closed meanwhile
     */
    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Whether the index's files were removed under it: the write lock file, there while this store is open, is missing. */
    boolean filesGone() {
        return !Files.exists(path.resolve(IndexWriter.WRITE_LOCK_NAME));
    }

    /** Closes without committing, and releases the write lock. */
    void close() {
        try {
            searchers.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing searchers failed", e);
        }
        try {
            // Rollback, not close: everything worth keeping is committed, and it also works when the files are gone.
            writer.rollback();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the index writer failed", e);
        }
        try {
            directory.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the index directory failed", e);
        }
    }

    private static void deleteContents(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
