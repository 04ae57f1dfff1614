package dev.cms.admin.auth;

import dev.cms.core.user.ForbiddenException;
import dev.cms.web.site.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An action the user's role does not allow: a 403 page that says why. */
@Singleton
@Produces
public class ForbiddenHandler implements ExceptionHandler<ForbiddenException, HttpResponse<?>> {

    private final PageRenderer pages;

    public ForbiddenHandler(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ForbiddenException exception) {
        return pages.render(HttpStatus.FORBIDDEN, "admin/forbidden", new ForbiddenPage(exception.getMessage()), request);
    }
}
