package dev.cms.admin.preview;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.article.PendingChangeService;
import dev.cms.web.article.ArticlePages;
import dev.cms.web.site.Messages;
import dev.cms.web.site.PageRenderer;
import dev.cms.web.site.SiteTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.util.Optional;

/**
 * What a reviewer without an account opens: {@code /preview/<token>}, the article's last saved
 * version in the public template, for as long as the signed link lasts. Only the author node has
 * this route (the public node carries no admin code), and it lives outside {@code /admin} because
 * it needs no login. An unknown or altered link is a 404 page; an expired link, or one whose
 * article was deleted, a 410 page that says so. {@link SharedPreviewHeadersFilter} keeps these
 * pages out of search engines, caches and referrers.
 */
@Controller("/preview")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharedPreviewController {

    /** Request attribute with the banner text of a shared preview, read by {@link SharedPreviewBanner}. */
    public static final String BANNER_ATTRIBUTE = "cms.preview.banner";

    private final PreviewLinks links;
    private final ArticleAdminService articles;
    private final ArticlePages articlePages;
    private final SiteTime time;
    private final Messages messages;
    private final PageRenderer pages;
    private final PendingChangeService pendingChanges;

    public SharedPreviewController(PreviewLinks links, ArticleAdminService articles, ArticlePages articlePages,
                                   SiteTime time, Messages messages, PageRenderer pages,
                                   PendingChangeService pendingChanges) {
        this.pendingChanges = pendingChanges;
        this.pages = pages;
        this.links = links;
        this.articles = articles;
        this.articlePages = articlePages;
        this.time = time;
        this.messages = messages;
    }

    @Get("/{token}")
    public HttpResponse<?> show(String token, HttpRequest<?> request) {
        PreviewLinks.Verdict verdict = links.check(token);
        if (verdict.state() == PreviewLinks.State.INVALID) {
            throw unavailable(HttpStatus.NOT_FOUND, "invalid");
        }
        if (verdict.state() == PreviewLinks.State.EXPIRED) {
            throw unavailable(HttpStatus.GONE, "expired");
        }
        Optional<Article> article = articles.find(verdict.link().articleId())
                .filter(a -> a.status() != ArticleStatus.TRASHED);
        if (article.isEmpty()) {
            throw unavailable(HttpStatus.GONE, "gone");
        }
        request.setAttribute(BANNER_ATTRIBUTE, messages.get("admin.sharedPreview.banner")
                .replace("{0}", time.format(verdict.link().expires())));
        return HttpResponse.ok(new ModelAndView<>("article/show", articlePages.preview(pendingChanges.withPending(article.get()))));
    }

    /**
     * Answered through an error route: a 404 a controller returns itself would be replaced by the
     * site's generic 404 page, which would not tell the reviewer what went wrong.
     */
    private static PreviewUnavailableException unavailable(HttpStatus status, String reason) {
        return new PreviewUnavailableException(status, reason);
    }

    @Error(exception = PreviewUnavailableException.class)
    public HttpResponse<?> unavailablePage(HttpRequest<?> request, PreviewUnavailableException e) {
        return pages.render(e.status, "admin/preview/unavailable", new PreviewUnavailablePage(e.reason), request);
    }

    /** Why a link shows no article: the status to answer and the message key's last part. */
    static final class PreviewUnavailableException extends RuntimeException {

        private final HttpStatus status;
        private final String reason;

        PreviewUnavailableException(HttpStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }
}
