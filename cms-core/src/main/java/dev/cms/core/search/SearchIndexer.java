package dev.cms.core.search;

import dev.cms.core.search.SearchIndexStore.Checkpoint;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The indexing state machine: decides what goes into the {@link SearchIndexStore} and when, and
 * whether searches may read it. The index is opened at start and caught up (or built, when it is
 * missing, incomplete, of an older layout or unreadable); it then follows article changes and a
 * periodic catch-up, is rebuilt when an operator asks for it or its count differs from the
 * database's, and is thrown away and rebuilt (a recovery) when reading or writing it fails.
 *
 * <p>All writing happens on one background thread, one task at a time, each reading the database
 * state it writes: so an article change and a rebuild can overlap without an older state ever
 * overwriting a newer one. A rebuild goes through the articles a page at a time (keyset by id),
 * letting changes in between, and never empties the index first: it rewrites every article
 * with a new generation number and at the end drops documents of older generations. Readers search
 * the last refreshed snapshot meanwhile. While the index is not complete, searches fail with
 * {@link SearchUnavailableException} rather than give partial answers.
 *
 * <p>Longer than this project's usual 400 lines on purpose: it holds every state of the index and
 * every transition between them (start, change, catch-up, rebuild, recovery, close), and it alone
 * writes the fields searching threads read. Spread over several classes, whether an older state
 * can overwrite a newer one, or a search see a half-opened index, could no longer be checked in
 * one place.
 */
final class SearchIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int PAGE = 100;
    /** Catch-ups look back this far before the last one: covers late commits and clocks that differ a little between nodes. */
    private static final Duration CATCH_UP_OVERLAP = Duration.ofMinutes(5);
    /** At most one recovery this often, so a fault that a rebuild does not cure cannot keep one running. */
    private static final Duration RECOVERY_PAUSE = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a search waits for an index being built before saying search is unavailable. */
    private static final Duration READY_WAIT = Duration.ofSeconds(3);

    private final Path path;
    private final SearchRepository articles;
    private final SearchAnalyzers analyzers;
    private final SearchDocuments documents;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "search-index");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean recoveryQueued = new AtomicBoolean();
    private final Object readiness = new Object();

    // Written by the worker, read by searching threads.
    private volatile SearchIndexStore store;
    private volatile boolean complete;
    private volatile boolean starting = true;
    private volatile Rebuild rebuild;
    private volatile boolean closed;
    private volatile long nextRecoveryAllowed = System.nanoTime();

    // The worker's alone.
    private long generation;
    private Instant watermark;
    private long reindexDone;

    SearchIndexer(Path path, SearchRepository articles, SearchAnalyzers analyzers, SearchDocuments documents,
                  Clock clock) {
        this.path = path;
        this.articles = articles;
        this.analyzers = analyzers;
        this.documents = documents;
        this.clock = clock;
    }

    void start() {
        submit(this::startUp);
    }

    void articleChanged(long articleId) {
        if (changed.add(articleId)) {
            submit(this::applyChanges);
        }
    }

    void catchUp() {
        submit(this::catchUpNow);
    }

    /** Starts a rebuild (or joins the one under way) and waits for it: see {@link SearchIndex#rebuild()}. */
    int rebuild() {
        CompletableFuture<Rebuild> started = new CompletableFuture<>();
        boolean queued = submit(() -> {
            try {
                if (store == null) {
                    store = openOrRecreate();
                    signalReadiness();
                }
                started.complete(startRebuild());
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        if (!queued) {
            throw new IllegalStateException("The search index is closed");
        }
        try {
            return started.thenCompose(r -> r.done).join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Rebuilding the search index at " + path + " failed: " + cause, cause);
        }
    }

    /** Waits until the work queued so far, with all the pages of a rebuild, is done: see {@link SearchIndex#awaitIdle}. */
    void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                CompletableFuture<Void> barrier = new CompletableFuture<>();
                if (!submit(() -> barrier.complete(null))) {
                    return;
                }
                barrier.get(remaining(deadline), TimeUnit.NANOSECONDS);
                Rebuild running = rebuild;
                if (running != null) {
                    try {
                        running.done.get(remaining(deadline), TimeUnit.NANOSECONDS);
                    } catch (ExecutionException | CancellationException e) {
                        // A failed rebuild is logged where it fails; here it only has to be over.
                    }
                } else if (!recoveryQueued.get() && changed.isEmpty()) {
                    return;
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Search indexing still busy after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for search indexing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the index is being opened or rebuilt right now. */
    boolean isBuilding() {
        return starting || rebuild != null;
    }

    /** Whether searches are answered now (the index is open and complete). */
    boolean isReady() {
        return store != null && complete;
    }

    Path path() {
        return path;
    }

    /**
     * The index a search may read now. One being built is waited for a moment; when none can
     * answer, a recovery is asked for unless something is already building one.
     *
     * @throws SearchUnavailableException when no complete index is open
     */
    SearchIndexStore storeToSearch() {
        if (!isReady() && isBuilding()) {
            // Being built: a small site's index is ready in a moment, better than an apology.
            awaitReady(READY_WAIT);
        }
        SearchIndexStore current = store;
        if (current == null || !complete) {
            if (!isBuilding()) {
                requestRecovery(current == null ? "no index is open" : "the index is incomplete");
            }
            throw new SearchUnavailableException("The search index is being built", null);
        }
        if (current.filesGone()) {
            requestRecovery("its files are gone");
            throw new SearchUnavailableException("The search index at " + path + " is gone", null);
        }
        return current;
    }

    /** Queues a recovery (throw the index away, rebuild it), at most one per {@link #RECOVERY_PAUSE}. */
    void requestRecovery(String reason) {
        if (closed || System.nanoTime() - nextRecoveryAllowed < 0) {
            return;
        }
        if (recoveryQueued.compareAndSet(false, true)) {
            LOG.warn("The search index at {} is unusable ({}): rebuilding it from the database", path, reason);
            if (!submit(this::recover)) {
                recoveryQueued.set(false);
            }
        }
    }

    /** Lets the queued work finish (for a while), then commits and closes the index. */
    void close() {
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Search indexing did not stop within {}; closing the index anyway", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SearchIndexStore current = store;
        store = null;
        if (current != null) {
            try {
                current.commit(checkpoint());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Saving the search index at {} on shutdown failed (it is rebuilt at the next start if needed): {}",
                        path, e.toString());
            }
            current.close();
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            try {
                while (!isReady() && !closed && isBuilding() && remaining(deadline) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(readiness, remaining(deadline));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes searches waiting for the index; call after it may have become ready. */
    private void signalReadiness() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    // ---- worker tasks ----

    private void startUp() {
        try {
            // smartcn loads its dictionaries on first use (a second or two): here, not in a reader's search.
            analyzers.words("预热");
            try {
                store = open(false);
            } catch (LockObtainFailedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                LOG.warn("The search index at {} cannot be read ({}); creating it anew from the database", path, e.toString());
                store = openOrRecreate();
            }
            signalReadiness();
            if (complete) {
                catchUpNow();
                rebuildIfCountsDiffer();
                rebuildIfRequested();
            } else {
                LOG.info("Building the search index at {} from the database", path);
                startRebuild();
            }
        } catch (LockObtainFailedException e) {
            LOG.error("The search index at {} is in use elsewhere ({}): search stays unavailable here. "
                    + "Give each node its own data directory (cms.data-dir).", path, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("Opening the search index at {} failed; search stays unavailable until it can be rebuilt", path, e);
        } finally {
            starting = false;
            signalReadiness();
        }
    }

    private void applyChanges() {
        SearchIndexStore current = store;
        if (current == null) {
            // No index open: whatever opens one next reads the database afresh.
            changed.clear();
            return;
        }
        if (changed.isEmpty()) {
            return;
        }
        try {
            for (Iterator<Long> ids = changed.iterator(); ids.hasNext(); ) {
                long id = ids.next();
                ids.remove();
                apply(current, id);
            }
            current.commit(checkpoint());
        } catch (IOException | RuntimeException e) {
            writeFailed("indexing changed articles", e);
        }
    }

    private void catchUpNow() {
        SearchIndexStore current = store;
        if (current == null || !complete || rebuild != null || watermark == null || closed) {
            // Without a complete index there is nothing to catch up: a rebuild reads everything.
            return;
        }
        if (rebuildIfRequested()) {
            return;
        }
        Instant started = clock.instant();
        Instant since = watermark.minus(CATCH_UP_OVERLAP);
        long afterId = -1;
        int seen = 0;
        try {
            List<ChangedArticle> page;
            do {
                page = articles.findChangedSince(since, afterId, PAGE);
                for (ChangedArticle change : page) {
                    apply(current, change.id());
                    since = change.updatedAt();
                    afterId = change.id();
                    seen++;
                }
            } while (page.size() == PAGE && !closed);
            if (!closed) {
                watermark = started;
            }
            current.commit(checkpoint());
            LOG.debug("Search index caught up with {} changed articles", seen);
        } catch (IOException | RuntimeException e) {
            writeFailed("catching up with changed articles", e);
        }
    }

    private void rebuildIfCountsDiffer() throws IOException {
        SearchIndexStore current = store;
        if (current == null || !complete || rebuild != null) {
            return;
        }
        long indexed = current.count();
        long published = articles.countIndexable();
        if (indexed != published) {
            LOG.info("The search index at {} holds {} articles, the database {} published ones: rebuilding it",
                    path, indexed, published);
            startRebuild();
        }
    }

    /** Starts a rebuild when an operator asked every node for one since this index was last rebuilt. */
    private boolean rebuildIfRequested() {
        if (rebuild != null) {
            return false;
        }
        try {
            long requested = articles.findReindexGeneration();
            if (requested > reindexDone) {
                LOG.info("A rebuild of every node's search index was requested (generation {}): rebuilding the index at {}",
                        requested, path);
                startRebuild();
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the requested reindex generation failed; the next catch-up retries: {}", e.toString());
        }
        return false;
    }

    /** Starts a rebuild, or returns the one under way. */
    private Rebuild startRebuild() {
        Rebuild running = rebuild;
        if (running != null) {
            return running;
        }
        generation++;
        Rebuild started = new Rebuild(generation, clock.instant(), reindexGenerationNow());
        rebuild = started;
        if (!submit(() -> rebuildPage(started))) {
            rebuild = null;
            started.done.cancel(false);
        }
        return started;
    }

    private void rebuildPage(Rebuild run) {
        if (rebuild != run) {
            return; // replaced by the rebuild of a recovery
        }
        SearchIndexStore current = store;
        if (closed || current == null) {
            rebuild = null;
            run.done.cancel(false);
            return;
        }
        try {
            List<IndexableArticle> page = articles.findIndexable(run.afterId, PAGE);
            for (IndexableArticle article : page) {
                current.put(article, run.generation);
                run.afterId = article.id();
                run.count++;
            }
            if (page.size() == PAGE) {
                if (!submit(() -> rebuildPage(run))) {
                    rebuild = null;
                    run.done.cancel(false);
                }
                return;
            }
            current.removeGenerationsBefore(run.generation);
            complete = true;
            reindexDone = Math.max(reindexDone, run.reindexGeneration);
            signalReadiness();
            if (watermark == null || run.started.isAfter(watermark)) {
                watermark = run.started;
            }
            current.commit(checkpoint());
            rebuild = null;
            LOG.info("Search index at {} rebuilt: {} published articles", path, run.count);
            run.done.complete(run.count);
        } catch (IOException | RuntimeException e) {
            rebuild = null;
            signalReadiness();
            run.done.completeExceptionally(e);
            writeFailed("rebuilding", e);
        }
    }

    /** Throws the index away and builds it again; what reads and writes do when the index fails them. */
    private void recover() {
        recoveryQueued.set(false);
        nextRecoveryAllowed = System.nanoTime() + RECOVERY_PAUSE.toNanos();
        Rebuild replaced = rebuild;
        rebuild = null;
        complete = false;
        SearchIndexStore old = store;
        store = null;
        if (old != null) {
            old.close();
        }
        try {
            store = openOrRecreate();
            Rebuild run = startRebuild();
            if (replaced != null) {
                run.done.whenComplete((count, failure) -> {
                    if (failure != null) {
                        replaced.done.completeExceptionally(failure);
                    } else {
                        replaced.done.complete(count);
                    }
                });
            }
        } catch (LockObtainFailedException e) {
            LOG.error("The search index at {} is in use elsewhere ({}); cannot rebuild it here", path, e.getMessage());
            if (replaced != null) {
                replaced.done.completeExceptionally(e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Recreating the search index at {} failed; search stays unavailable", path, e);
            if (replaced != null) {
                replaced.done.completeExceptionally(e);
            }
        }
    }

    // ---- helpers ----

    /** A failed write: Lucene's own failures mean the index is damaged; anything else (the database) is retried by the next catch-up. */
    private void writeFailed(String what, Exception e) {
        if (closed) {
            LOG.debug("Search index {} stopped by shutdown: {}", what, e.toString());
        } else if (e instanceof IOException || e instanceof AlreadyClosedException) {
            LOG.warn("Search index at {}: {} failed", path, what, e);
            requestRecovery(what + " failed: " + e);
        } else {
            LOG.warn("Search index at {}: {} failed; the next catch-up retries", path, what, e);
        }
    }

    private void apply(SearchIndexStore current, long id) throws IOException {
        Optional<IndexableArticle> article = articles.findIndexableById(id);
        if (article.isPresent()) {
            current.put(article.get(), generation);
        } else {
            current.remove(id);
        }
    }

    /** Opens the index (create: a new empty one in its place) and takes up where its last commit left off. */
    private SearchIndexStore open(boolean create) throws IOException {
        return resume(SearchIndexStore.open(path, analyzers, documents, create));
    }

    private SearchIndexStore openOrRecreate() throws IOException {
        return resume(SearchIndexStore.openOrRecreate(path, analyzers, documents));
    }

    /** Reads where the opened index was left; before the store is published, so searches never see it with stale state. */
    private SearchIndexStore resume(SearchIndexStore opened) {
        Checkpoint at = opened.opened();
        generation = Math.max(generation, at.generation());
        watermark = at.watermark();
        complete = at.complete();
        reindexDone = at.reindexDone();
        return opened;
    }

    private Checkpoint checkpoint() {
        return new Checkpoint(complete, generation, reindexDone, watermark);
    }

    private boolean submit(Runnable task) {
        if (closed) {
            return false;
        }
        try {
            worker.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The requested generation now; an unreadable one counts as already done (the next catch-up reads it again). */
    private long reindexGenerationNow() {
        try {
            return articles.findReindexGeneration();
        } catch (RuntimeException e) {
            return reindexDone;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** A rebuild under way: its generation, where it is, and when it began (changes before that are in it). */
    private static final class Rebuild {
        final long generation;
        final Instant started;
        /** The operators' reindex generation when it began: a request after that needs another rebuild. */
        final long reindexGeneration;
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        long afterId;
        int count;

        Rebuild(long generation, Instant started, long reindexGeneration) {
            this.generation = generation;
            this.started = started;
            this.reindexGeneration = reindexGeneration;
        }
    }
}
