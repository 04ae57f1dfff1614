package dev.cms.admin.auth;

import dev.cms.web.site.Messages;
import dev.cms.web.site.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The page for 403 answers that carry no reason of their own (a role refused by @Secured). */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
public class ForbiddenPageController {

    private final PageRenderer pages;

    private final Messages messages;

    public ForbiddenPageController(PageRenderer pages, Messages messages) {
        this.messages = messages;
        this.pages = pages;
    }

    @Error(status = HttpStatus.FORBIDDEN, global = true)
    public MutableHttpResponse<?> forbidden(HttpRequest<?> request) {
        return pages.render(HttpStatus.FORBIDDEN, "admin/forbidden",
                new ForbiddenPage(messages.get("admin.forbidden.reason")), request);
    }
}
