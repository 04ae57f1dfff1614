package dev.cms.web.error;

import dev.cms.core.site.DatabaseUnavailable;
import dev.cms.web.site.CurrentSite;
import dev.cms.web.site.PageRenderer;
import io.micronaut.context.annotation.Requirements;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The last resort for failures no more specific handler takes: logs what failed and where, and
 * shows readers a plain 500 page. A database that cannot be reached is no bug but an outage: that
 * gets a 503 page with {@code Retry-After} and one log line, not a stack trace per request. Being an
 * {@link ExceptionHandler} of {@code Exception}, it loses to every handler of a narrower type
 * (security, conversion, status exceptions).
 */
@Singleton
@Produces
@Requirements(@Requires(classes = ExceptionHandler.class))
public class ServerErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerErrorHandler.class);
    private final PageRenderer pages;

    public ServerErrorHandler(PageRenderer pages) {
        this.pages = pages;
    }

    /** What a 503 tells browsers, crawlers and load balancers: come back in this many seconds. */
    public static final int RETRY_AFTER_SECONDS = 10;

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        if (DatabaseUnavailable.causedBy(exception)) {
            LOG.warn("Request {} {} answered 503: the database is unavailable ({})", request.getMethod(),
                    request.getPath(), exception.getMessage());
            return unavailable(request);
        }
        LOG.error("Request {} {} failed", request.getMethod(), request.getPath(), exception);
        try {
            return pages.render(HttpStatus.INTERNAL_SERVER_ERROR, "error/500", Map.of(), request);
        } catch (RuntimeException renderFailure) {
            LOG.error("The error page itself failed to render", renderFailure);
            return HttpResponse.serverError("Internal Server Error");
        }
    }

    /** The 503 page: rendered from the settings last read ({@link CurrentSite}), it needs no database. */
    public MutableHttpResponse<?> unavailable(HttpRequest<?> request) {
        CurrentSite.databaseUnavailable(request);
        MutableHttpResponse<?> response;
        try {
            response = pages.render(HttpStatus.SERVICE_UNAVAILABLE, "error/503", Map.of(), request);
        } catch (RuntimeException renderFailure) {
            LOG.error("The 503 page itself failed to render", renderFailure);
            response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body("Service Unavailable");
        }
        return response.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
