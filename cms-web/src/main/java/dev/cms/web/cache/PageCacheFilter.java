package dev.cms.web.cache;

import dev.cms.web.error.ServerErrorHandler;
import dev.cms.web.site.Messages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.io.Writable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers repeated requests for public pages from {@link PageCache}: the rendered bytes with the
 * headers they were first sent with, plus a strong {@code ETag}, so a browser or CDN asking
 * {@code If-None-Match} gets a 304 without a body. Only GETs of the public pages listed in
 * {@link #cacheable(String)} are cached, only 200 answers that set no cookie and are not marked
 * private; search results, previews, the admin and media stay uncached. Runs outside the views
 * filter, so it sees (and keeps) the rendered page rather than its model.
 */
@ServerFilter("/**")
@Requires(bean = PageCache.class)
public class PageCacheFilter implements Ordered {

    private static final String KEY = PageCacheFilter.class.getName() + ".key";
    /** Micronaut's request timer (http_server_requests_seconds in Prometheus). */
    private static final String REQUESTS_TIMER = "http.server.requests";
    private static final String VERSION = PageCacheFilter.class.getName() + ".version";
    private static final String LEADER = PageCacheFilter.class.getName() + ".leader";
    /** How long a request waits for another rendering its page before rendering its own. */
    private static final Duration WAIT_FOR_LEADER = Duration.ofSeconds(10);

    /** Headers that belong to one exchange, not to the page. */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "date", "connection", "set-cookie",
            "transfer-encoding", "etag");

    private final PageCache cache;
    private final String language;
    private final MeterRegistry registry;
    private final ServerErrorHandler errors;
    private final Clock clock;
    private final String cacheControl;
    /** Micronaut's request timer for hits (always GET), by status and route. */
    private final Map<String, io.micrometer.core.instrument.Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public PageCacheFilter(PageCache cache, Messages messages, MeterRegistry registry, ServerErrorHandler errors,
                           Clock clock,
                           @Value("${cms.http.max-age:0s}") Duration maxAge,
                           @Value("${cms.http.s-maxage:0s}") Duration sharedMaxAge,
                           @Value("${cms.http.stale-while-revalidate:0s}") Duration staleWhileRevalidate) {
        this.cache = cache;
        this.language = messages.languageTag();
        this.registry = registry;
        this.errors = errors;
        this.clock = clock;
        this.cacheControl = cacheControl(maxAge, sharedMaxAge, staleWhileRevalidate);
    }

    /**
     * What browsers and shared caches (a CDN) may do with a page that sets no {@code Cache-Control}
     * of its own: keep it {@code max-age}, shared caches {@code s-maxage}, and serve it stale while
     * they fetch it again for {@code stale-while-revalidate}. With {@code max-age=0} (the default)
     * they ask again every time, and get a 304 while the page is unchanged.
     */
    static String cacheControl(Duration maxAge, Duration sharedMaxAge, Duration staleWhileRevalidate) {
        StringBuilder value = new StringBuilder("public, max-age=").append(maxAge.toSeconds());
        if (!sharedMaxAge.isZero()) {
            value.append(", s-maxage=").append(sharedMaxAge.toSeconds());
        }
        if (!staleWhileRevalidate.isZero()) {
            value.append(", stale-while-revalidate=").append(staleWhileRevalidate.toSeconds());
        }
        return value.toString();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.before();
    }

    /**
     * A cached page ends the chain here, and so does a page that cannot be rendered because the
     * database is known to be unreachable (a 503 at once); otherwise the request goes on, noting
     * what to store the page under. Of the requests missing the same page at once, only the first
     * renders it: the others wait for its bytes (at most {@link #WAIT_FOR_LEADER}) and are answered
     * with them, or render their own when its answer cannot be shared (not a 200 page, a cookie) or
     * it takes too long, so a failing render never leaves them hanging.
     */
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> lookUp(HttpRequest<?> request,
                                                   FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        if (request.getMethod() != HttpMethod.GET || !cacheable(request.getPath())) {
            return chain.proceed();
        }
        long started = System.nanoTime();
        String key = key(request);
        var cached = cache.find(key);
        if (cached.isPresent()) {
            MutableHttpResponse<?> response = answer(cached.get(), request);
            timeHit(request, cached.get().route(), response.code(), System.nanoTime() - started);
            return Publishers.just(response);
        }
        if (cache.databaseUnreachable()) {
            MutableHttpResponse<?> response = errors.unavailable(request);
            timeHit(request, "SERVICE_UNAVAILABLE", response.code(), System.nanoTime() - started);
            return Publishers.just(response);
        }
        request.setAttribute(KEY, key);
        request.setAttribute(VERSION, cache.currentVersion());
        CompletableFuture<CachedPage> leader = cache.join(key);
        if (leader == null) {
            request.setAttribute(LEADER, Boolean.TRUE);
            return chain.proceed();
        }
        return Publishers.fromCompletableFuture(() -> leader.copy()
                .completeOnTimeout(null, WAIT_FOR_LEADER.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(page -> {
                    if (page == null) {
                        return first(chain.proceed());
                    }
                    cache.countShared();
                    MutableHttpResponse<?> response = answer(page, request);
                    timeHit(request, page.route(), response.code(), System.nanoTime() - started);
                    return CompletableFuture.completedFuture(response);
                }));
    }

    /** The one item a response publisher gives, as a future. */
    static <T> CompletableFuture<T> first(Publisher<T> publisher) {
        CompletableFuture<T> result = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(T item) {
                result.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(null);
            }
        });
        return result;
    }

    @ResponseFilter
    public MutableHttpResponse<?> store(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var key = request.getAttribute(KEY, String.class);
        var version = request.getAttribute(VERSION, Long.class);
        if (key.isEmpty() || version.isEmpty()) {
            return response;
        }
        boolean leads = request.getAttribute(LEADER).isPresent();
        CachedPage page = null;
        try {
            page = keep(key.get(), version.get(), request, response);
        } finally {
            if (leads) {
                cache.land(key.get(), page);
            }
        }
        if (page == null) {
            return response;
        }
        response.header(HttpHeaders.ETAG, page.etag());
        if (matches(request, page)) {
            return notModified(page);
        }
        response.body(page.body());
        return response;
    }

    /**
     * Times a page answered from the cache in Micronaut's own request timer, with the same tags: an
     * answer given by a request filter never reaches the metrics filter's response side, and a
     * route's request count and latency would otherwise leave out most of its requests. The route
     * is the one that rendered the page (a hit is answered before routing), never the URL, so
     * slugs do not multiply the series.
     */
    private void timeHit(HttpRequest<?> request, String route, int status, long nanos) {
        String uri = status >= 300 && status < 400 ? "REDIRECTION" : route;
        // Found once per route and status: looking a timer up by its tags on every hit costs more than the hit.
        timers.computeIfAbsent(status + " " + uri, k -> registry.timer(REQUESTS_TIMER, "exception", "none",
                "method", request.getMethodName(), "status", String.valueOf(status), "uri", uri))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The route template that answered, as Micronaut's timer names it ("root" for "/"). */
    private static String routeOf(HttpRequest<?> request) {
        String template = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> ((UriRouteMatch<?, ?>) match).getRouteInfo().getUriMatchTemplate().toPathString())
                .orElse("UNMATCHED_URI");
        while (template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        return template.isEmpty() ? "root" : template;
    }

    /** The public pages whose content depends only on the URL and the content version. */
    static boolean cacheable(String path) {
        return path.equals("/")
                || path.startsWith("/page/")
                || path.startsWith("/articles/")
                || path.startsWith("/topics/")
                || path.startsWith("/archive/")
                || path.equals("/feed.xml")
                || path.equals("/atom.xml")
                || path.equals("/robots.txt")
                || (path.startsWith("/sitemap") && path.endsWith(".xml") && path.indexOf('/', 1) < 0);
    }

    /**
     * Path and query exactly as sent, and the site's language: a node's pages are in one language,
     * but the key carries it so no configuration change can ever serve one language's bytes for another.
     */
    private String key(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return language + " " + request.getUri().getRawPath() + (query == null ? "" : "?" + query);
    }

    /** The page this answer makes, kept in the cache when it may be; null when it may not be shared. */
    private CachedPage keep(String key, long version, HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (version == PageCache.UNKNOWN || response.getStatus() != HttpStatus.OK
                || response.getHeaders().contains(HttpHeaders.SET_COOKIE) || isPrivate(response)) {
            return null;
        }
        byte[] body = bytes(response.getBody().orElse(null));
        if (body == null) {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.getHeaders().forEach((name, values) -> {
            if (!NOT_REPLAYED.contains(name.toLowerCase())) {
                values.forEach(value -> headers.add(Map.entry(name, value)));
            }
        });
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            headers.add(Map.entry(HttpHeaders.CACHE_CONTROL, cacheControl));
            response.header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        // Rendered now from what the database holds now: unchanged since, or a change would have evicted it.
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC));
        headers.add(Map.entry(HttpHeaders.LAST_MODIFIED, lastModified));
        response.header(HttpHeaders.LAST_MODIFIED, lastModified);
        CachedPage page = new CachedPage(version, body, etag(body), List.copyOf(headers), routeOf(request),
                PageDependencies.of(request.getUri().getRawPath(), body), clock.instant().getEpochSecond());
        cache.store(key, page);
        return page;
    }

    private static boolean isPrivate(HttpResponse<?> response) {
        String cacheControl = response.getHeaders().get(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && (cacheControl.contains("private") || cacheControl.contains("no-store"));
    }

    /** The rendered body as bytes; null for bodies that are streamed or not rendered yet (left uncached). */
    private static byte[] bytes(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof Writable writable) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
            try {
                writable.writeTo(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
        return null;
    }

    private static MutableHttpResponse<?> answer(CachedPage page, HttpRequest<?> request) {
        if (matches(request, page)) {
            return notModified(page);
        }
        MutableHttpResponse<byte[]> response = HttpResponse.ok(page.body());
        page.headers().forEach(header -> response.getHeaders().add(header.getKey(), header.getValue()));
        response.header(HttpHeaders.ETAG, page.etag());
        return response;
    }

    private static MutableHttpResponse<?> notModified(CachedPage page) {
        MutableHttpResponse<?> response = HttpResponse.notModified();
        page.headers().stream().filter(h -> !h.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE))
                .forEach(header -> response.getHeaders().add(header.getKey(), header.getValue()));
        response.header(HttpHeaders.ETAG, page.etag());
        return response;
    }

    /**
     * Whether the reader holds this page: its {@code If-None-Match} names the ETag, or, sending none,
     * its {@code If-Modified-Since} is no earlier than when the page was rendered.
     */
    private static boolean matches(HttpRequest<?> request, CachedPage page) {
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null) {
            String ifModifiedSince = request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE);
            if (ifModifiedSince == null) {
                return false;
            }
            try {
                return page.renderedAt() <= ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toEpochSecond();
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(page.etag()) || tag.equals("W/" + page.etag())) {
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
