package dev.cms.core.sitemap;

import java.util.List;
import java.util.function.LongFunction;

/**
 * Walks one kind of sitemap URL in id order, a batch per call: each batch is one keyset query
 * ({@code id > last id seen}) on a connection of its own, so nothing is held open between batches
 * and a reader that stops early leaves nothing behind.
 */
public final class SitemapCursor {

    private final LongFunction<List<SitemapEntry>> batchAfter;
    private final int batchSize;
    private long lastId;
    private boolean done;
    private List<SitemapEntry> readAhead;

    SitemapCursor(long fromId, int batchSize, LongFunction<List<SitemapEntry>> batchAfter) {
        this.lastId = fromId - 1;
        this.batchSize = batchSize;
        this.batchAfter = batchAfter;
    }

    /** Whether no URL is left to read (before the first batch: whether there is any); reads a batch ahead to tell. */
    public boolean isEmpty() {
        if (readAhead == null) {
            readAhead = fetch();
        }
        return readAhead.isEmpty();
    }

    /** The next batch in id order; empty once every URL has been read. */
    public List<SitemapEntry> next() {
        if (readAhead != null) {
            List<SitemapEntry> batch = readAhead;
            readAhead = null;
            return batch;
        }
        return fetch();
    }

    private List<SitemapEntry> fetch() {
        if (done) {
            return List.of();
        }
        List<SitemapEntry> batch = batchAfter.apply(lastId);
        // A short batch is the last one: no need to ask again for nothing.
        done = batch.size() < batchSize;
        if (!batch.isEmpty()) {
            lastId = batch.get(batch.size() - 1).id();
        }
        return batch;
    }
}
