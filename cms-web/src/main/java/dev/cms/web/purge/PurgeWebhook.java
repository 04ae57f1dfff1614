package dev.cms.web.purge;

import dev.cms.core.content.ContentChange;
import dev.cms.core.content.ContentCommitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells a CDN which public URLs a change made stale: after each change this node commits
 * ({@link ContentCommitted}, never for a change read from another node's log, so each change is
 * sent once, by the node that made it), a signed JSON POST to {@code cms.purge.webhook.url}
 * listing the URLs and tags ({@link PurgeUrls}), or {@code "all": true} for a change that drops
 * every page. Deliveries run on a thread of their own, one at a time: a publish never waits for
 * the CDN, changes committed meanwhile are coalesced into the next delivery, and a failed one is
 * sent again after 1 s, 2 s, 4 s ... up to {@code retries} times, then given up (WARN, counted in
 * {@code cms_purge_failures_total}); the next delivery then purges everything, since the CDN may
 * keep what the lost one named. What waits is bounded: beyond {@code max-pending} URLs and tags
 * it becomes one purge of everything.
 */
@Context
public class PurgeWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeWebhook.class);
    public static final String DELIVERY_HEADER = "X-Cms-Delivery";

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final int retries;
    private final Duration firstRetry;
    private final int maxPending;
    private final PurgeUrls urls;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter failures;
    private final Counter retried;
    private final Counter delivered;
    private final HttpClient http;
    private final ScheduledExecutorService worker;

    /** Guarded by {@code this}: what the next delivery sends. */
    private final Set<String> pendingUrls = new LinkedHashSet<>();
    private final Set<String> pendingTags = new LinkedHashSet<>();
    private boolean pendingAll;
    /** A delivery was given up: the next one purges everything, since the CDN may keep what it named. */
    private boolean lost;
    /** Whether a delivery is being sent or waiting for its retry (then it takes up what is pending when done). */
    private boolean busy;
    private volatile Batch inFlight;
    private volatile String lastFailure;
    private volatile Instant failingSince;

    /** One delivery: sent with the same id and body on every attempt. */
    record Batch(String id, byte[] body) {
    }

    public PurgeWebhook(@Nullable @Value("${cms.purge.webhook.url:}") String url,
                        @Nullable @Value("${cms.purge.webhook.secret:}") String secret,
                        @Value("${cms.purge.webhook.timeout:10s}") Duration timeout,
                        @Value("${cms.purge.webhook.retries:8}") int retries,
                        @Value("${cms.purge.webhook.first-retry:1s}") Duration firstRetry,
                        @Value("${cms.purge.webhook.max-pending:10000}") int maxPending,
                        PurgeUrls urls, JsonMapper json, Clock clock, MeterRegistry registry) {
        this.url = parse(url);
        if (this.url != null && (secret == null || secret.isBlank())) {
            throw new IllegalStateException("CMS_PURGE_WEBHOOK_URL is set but CMS_PURGE_WEBHOOK_SECRET is not: "
                    + "set the secret the CDN's purge endpoint checks the X-Cms-Signature with, or unset the URL");
        }
        this.secret = secret;
        this.timeout = timeout;
        this.retries = Math.max(0, retries);
        this.firstRetry = firstRetry;
        this.maxPending = Math.max(1, maxPending);
        this.urls = urls;
        this.json = json;
        this.clock = clock;
        this.failures = Counter.builder("cms.purge.failures")
                .description("CDN purge deliveries given up after every retry failed").register(registry);
        this.retried = Counter.builder("cms.purge.retries")
                .description("CDN purge delivery attempts that failed and were tried again").register(registry);
        this.delivered = Counter.builder("cms.purge.deliveries")
                .description("CDN purge deliveries the webhook accepted").register(registry);
        if (this.url == null) {
            this.http = null;
            this.worker = null;
        } else {
            this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
            this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "purge-webhook");
                thread.setDaemon(true);
                return thread;
            });
            LOG.info("CDN purge webhook on: each change committed here is posted to {}", this.url);
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CMS_PURGE_WEBHOOK_URL is not a URL: " + url + " (" + e.getMessage() + ")");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException("CMS_PURGE_WEBHOOK_URL must be an http:// or https:// URL, not " + url);
        }
        return uri;
    }

    public boolean enabled() {
        return url != null;
    }

    /** Since when deliveries have been given up, with the last error; null while they get through. */
    public @Nullable Instant failingSince() {
        return failingSince;
    }

    public @Nullable String lastFailure() {
        return lastFailure;
    }

    @EventListener
    void onCommitted(ContentCommitted event) {
        if (url == null) {
            return;
        }
        try {
            add(event.change());
        } catch (RuntimeException e) {
            // The change is committed whatever happens here: never fail the editor's request.
            LOG.warn("Queuing the CDN purge of content version {} failed: {}", event.change().version(), e.getMessage());
        }
    }

    private synchronized void add(ContentChange change) {
        if (change.everything()) {
            purgeEverything();
        } else if (!pendingAll) {
            pendingTags.addAll(change.tags());
            pendingUrls.addAll(urls.of(change.tags()));
            if (pendingUrls.size() + pendingTags.size() > maxPending) {
                LOG.info("More than {} URLs and tags wait for the CDN purge webhook: purging everything instead", maxPending);
                purgeEverything();
            }
        }
        if (!busy) {
            busy = true;
            worker.execute(this::sendNext);
        }
    }

    private void purgeEverything() {
        pendingAll = true;
        pendingUrls.clear();
        pendingTags.clear();
    }

    /** Takes what is pending as one delivery; null when nothing is. */
    private synchronized Batch take() {
        if (!pendingAll && pendingUrls.isEmpty() && pendingTags.isEmpty()) {
            busy = false;
            return null;
        }
        Batch batch = batch(pendingAll || lost, List.copyOf(pendingUrls), List.copyOf(pendingTags));
        lost = false;
        pendingAll = false;
        pendingUrls.clear();
        pendingTags.clear();
        return batch;
    }

    private Batch batch(boolean all, List<String> urlList, List<String> tagList) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("timestamp", clock.instant().toString());
        body.put("all", all);
        if (!all) {
            body.put("urls", urlList);
            body.put("tags", tagList);
        }
        try {
            return new Batch(id, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("Writing the purge body failed: " + e.getMessage(), e);
        }
    }

    private void sendNext() {
        Batch batch;
        try {
            batch = take();
        } catch (RuntimeException e) {
            LOG.warn("Preparing a CDN purge failed: {}", e.getMessage());
            synchronized (this) {
                busy = false;
            }
            return;
        }
        if (batch != null) {
            attempt(batch, 0);
        }
    }

    private void attempt(Batch batch, int attempt) {
        inFlight = batch;
        String error = post(batch);
        if (error == null) {
            inFlight = null;
            delivered.increment();
            if (failingSince != null) {
                LOG.info("CDN purge webhook delivers again");
            }
            failingSince = null;
            lastFailure = null;
            sendNext();
            return;
        }
        if (worker.isShutdown()) {
            return; // left in flight: close() sends it once more
        }
        if (attempt < retries) {
            retried.increment();
            Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt, 20));
            LOG.info("CDN purge delivery {} failed ({}); trying again in {} ms", batch.id(), error, wait.toMillis());
            worker.schedule(() -> attempt(batch, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        inFlight = null;
        giveUp(batch, error);
        sendNext();
    }

    private void giveUp(Batch batch, String error) {
        failures.increment();
        lastFailure = error;
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        LOG.warn("CDN purge delivery {} to {} failed {} times, last: {}; given up (the CDN may serve stale pages "
                + "until they expire; the next delivery purges everything)", batch.id(), url, retries + 1, error);
        synchronized (this) {
            lost = true;
        }
    }

    /** Whether nothing waits to be sent and no delivery is under way. */
    public synchronized boolean idle() {
        return !busy;
    }

    /** Sends one attempt; null when the webhook answered 2xx, else what went wrong. */
    private String post(Batch batch) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(PurgeSignature.HEADER, PurgeSignature.sign(batch.body(), secret))
                .header(DELIVERY_HEADER, batch.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * At shutdown (a node stopping, or a command such as {@code import} ending) what is pending or
     * being retried gets one last attempt, so a change made just before is not left unsent.
     */
    @PreDestroy
    void close() {
        if (worker == null) {
            return;
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Batch current = inFlight;
        Batch next = take();
        for (Batch last : new Batch[] {current, next}) {
            if (last == null) {
                continue;
            }
            String error = post(last);
            if (error != null) {
                failures.increment();
                LOG.warn("CDN purge delivery {} to {} failed at shutdown ({}); given up", last.id(), url, error);
            }
        }
    }
}
