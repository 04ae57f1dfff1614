package dev.cms.web.error;

import dev.cms.web.site.PageRenderer;
import io.micronaut.context.annotation.Requirements;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The last resort for failures no more specific handler takes: logs what failed and where, and
 * shows readers a plain 500 page. Being an {@link ExceptionHandler} of {@code Exception}, it loses
 * to every handler of a narrower type (security, conversion, status exceptions).
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

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        LOG.error("Request {} {} failed", request.getMethod(), request.getPath(), exception);
        try {
            return pages.render(HttpStatus.INTERNAL_SERVER_ERROR, "error/500", Map.of(), request);
        } catch (RuntimeException renderFailure) {
            LOG.error("The error page itself failed to render", renderFailure);
            return HttpResponse.serverError("Internal Server Error");
        }
    }
}
