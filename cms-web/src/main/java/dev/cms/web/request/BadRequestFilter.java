package dev.cms.web.request;

import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.PageRenderer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Refuses malformed requests before anything else reads them (the page cache, security, the CSRF
 * check, controllers): broken percent-encoding or bytes that are not UTF-8 in the path, the query
 * or a form body answer 400; a NUL in the path 404 (nothing is there), in the query 400; a request
 * line longer than the server reads 414, headers too large 431. Each gets the site's error page.
 * The request line's problems are found by {@link RequestLineCheck}; form bodies are read by
 * {@link MalformedFormFilter}.
 */
@ServerFilter("/**")
public class BadRequestFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(BadRequestFilter.class);
    private static final CompletableFuture<Optional<HttpResponse<?>>> PROCEED = CompletableFuture.completedFuture(Optional.empty());

    private final PageRenderer pages;
    private final NotFoundPages notFound;
    private final ExecutorService blocking;

    public BadRequestFilter(PageRenderer pages, NotFoundPages notFound,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.pages = pages;
        this.notFound = notFound;
        this.blocking = blocking;
    }

    /** Before every other filter of the site, the CSRF check's too (it reads form bodies). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    /**
     * Requests go on at once, on the thread they came on; error pages are rendered on the blocking
     * executor (the 404 page lists the newest articles, a database query). "Proceed" is an empty
     * Optional: Micronaut's filter chain (4.10) takes a null arriving later for no answer (503).
     */
    @RequestFilter
    public CompletableFuture<Optional<HttpResponse<?>>> refuse(ServerHttpRequest<?> request) {
        String marked = request.getHeaders().get(RequestLineCheck.PROBLEM_HEADER);
        if (marked == null) {
            return PROCEED;
        }
        RequestTargets.Problem problem = RequestTargets.Problem.valueOf(marked);
        LOG.debug("Refused a request: {}", problem);
        return CompletableFuture.supplyAsync(() -> Optional.of(answer(problem, request)), blocking);
    }

    /** The error page for a request with this problem (not NONE). */
    HttpResponse<?> answer(RequestTargets.Problem problem, HttpRequest<?> request) {
        return switch (problem) {
            case NONE -> throw new IllegalArgumentException("nothing to refuse");
            case NUL_IN_PATH -> notFound.response(request);
            case MALFORMED, NUL_IN_QUERY -> page(HttpStatus.BAD_REQUEST, "error.400.encoding", request);
            case URI_TOO_LONG -> page(HttpStatus.REQUEST_URI_TOO_LONG, "error.414.text", request)
                    .header(HttpHeaders.CONNECTION, "close");
            case HEADERS_TOO_LARGE -> page(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "error.431.text", request)
                    .header(HttpHeaders.CONNECTION, "close");
        };
    }

    private MutableHttpResponse<String> page(HttpStatus status, String reason, HttpRequest<?> request) {
        return pages.render(status, "error/400", Map.of("reason", reason), request);
    }
}
