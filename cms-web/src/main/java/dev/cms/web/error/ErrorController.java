package dev.cms.web.error;

import dev.cms.web.site.PageRenderer;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Error pages instead of JSON or stack traces: 404 for unknown URLs, 400 for malformed input.
 * Only narrow exception types get error routes here: a broad one would also swallow the
 * exceptions other modules handle themselves (security's redirects to the login page).
 * Everything else ends in {@link ServerErrorHandler}.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorController.class);
    private final NotFoundPages notFound;
    private final PageRenderer pages;

    public ErrorController(NotFoundPages notFound, PageRenderer pages) {
        this.notFound = notFound;
        this.pages = pages;
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        return notFound.response(request);
    }

    @Error(status = HttpStatus.BAD_REQUEST, global = true)
    public HttpResponse<?> badRequest(HttpRequest<?> request) {
        return pages.render(HttpStatus.BAD_REQUEST, "error/400", Map.of(), request);
    }

    @Error(exception = ConversionErrorException.class, global = true)
    public HttpResponse<?> conversion(HttpRequest<?> request, ConversionErrorException e) {
        LOG.info("Bad request {} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
        return pages.render(HttpStatus.BAD_REQUEST, "error/400", Map.of(), request);
    }
}
