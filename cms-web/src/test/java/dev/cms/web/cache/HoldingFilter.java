package dev.cms.web.cache;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-in for a slow rendering: a request carrying {@code X-Hold} waits, past the page cache,
 * until the test releases it ({@code X-Fail} then makes it fail with a 500); every request getting
 * this far (each rendering) is counted.
 */
@ServerFilter("/**")
@Requires(property = "cms.test.holding", value = "true")
public class HoldingFilter implements Ordered {

    private static volatile CompletableFuture<Void> gate = new CompletableFuture<>();
    private static final AtomicInteger RENDERINGS = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();

    static void reset() {
        gate = new CompletableFuture<>();
        RENDERINGS.set(0);
        HELD.set(0);
    }

    static void release() {
        gate.complete(null);
    }

    static int renderings() {
        return RENDERINGS.get();
    }

    static int held() {
        return HELD.get();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after();
    }

    @RequestFilter
    public Publisher<MutableHttpResponse<?>> hold(HttpRequest<?> request,
                                                 FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        RENDERINGS.incrementAndGet();
        if (request.getHeaders().get("X-Hold") == null) {
            return chain.proceed();
        }
        HELD.incrementAndGet();
        boolean fail = request.getHeaders().get("X-Fail") != null;
        return Publishers.fromCompletableFuture(() -> gate.thenCompose(released -> fail
                ? CompletableFuture.completedFuture(HttpResponse.serverError())
                : PageCacheFilter.first(chain.proceed())));
    }
}
