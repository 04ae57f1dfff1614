package dev.cms.web.request;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses a form body ({@code application/x-www-form-urlencoded}) with a broken percent-escape or
 * bytes that are not UTF-8 with the 400 page, before the CSRF check or a controller reads it:
 * decoding such a field failed with a 500 or silently turned it into U+FFFD. Only POSTs come here.
 */
@ServerFilter(value = "/**", methods = HttpMethod.POST)
public class MalformedFormFilter implements Ordered {

    private static final CompletableFuture<Optional<HttpResponse<?>>> PROCEED =
            CompletableFuture.completedFuture(Optional.empty());

    private final BadRequestFilter pages;
    private final HttpServerConfiguration server;

    public MalformedFormFilter(BadRequestFilter pages, HttpServerConfiguration server) {
        this.pages = pages;
        this.server = server;
    }

    /** Right after {@link BadRequestFilter}, before the CSRF check (which reads form bodies too). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after() + 1;
    }

    /**
     * Never blocks a thread: the answer completes once the body has arrived. It reads a copy split
     * off the body at the pace of the faster reader, so the controller's copy is buffered meanwhile
     * (at the slower pace it would wait for the controller, which runs only after the filters). A
     * body larger than the server buffers, or one that cannot be read, is left to the CSRF check
     * and the controller, which refuse it with their own pages. "Proceed" is an empty Optional:
     * Micronaut's filter chain (4.10) takes a null arriving later for no answer at all (503).
     */
    @RequestFilter
    public CompletableFuture<Optional<HttpResponse<?>>> refuse(ServerHttpRequest<?> request) {
        if (!request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false)
                || request.getContentLength() > Math.min(server.getMaxRequestSize(), server.getMaxRequestBufferSize())) {
            return PROCEED;
        }
        try (CloseableByteBody copy = request.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer()
                    .thenApply(body -> {
                        try (body) {
                            RequestTargets.Problem problem = RequestTargets.checkForm(body.toByteArray());
                            return problem == RequestTargets.Problem.NONE ? Optional.<HttpResponse<?>>empty()
                                    : Optional.<HttpResponse<?>>of(pages.answer(problem, request));
                        }
                    })
                    .exceptionally(unreadable -> Optional.empty());
        }
    }
}
