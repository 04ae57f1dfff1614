package dev.cms.admin.preview;

import dev.cms.admin.auth.Actors;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.Actor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a review link for a saved article, for whoever may open it in the editor (authors: their
 * own articles). The link is shown on the edit page the answer redirects to.
 */
@Controller("/admin/articles")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class PreviewLinkController {

    private final PreviewLinks links;
    private final ArticleAdminService articles;
    private final Actors actors;
    private final AuditLog audit;

    public PreviewLinkController(PreviewLinks links, ArticleAdminService articles, Actors actors, AuditLog audit) {
        this.links = links;
        this.articles = articles;
        this.actors = actors;
        this.audit = audit;
    }

    @Post("/{id}/preview-link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(Long id, Authentication user, HttpRequest<?> request) {
        Actor actor = actors.of(user);
        // Refuses (403) an article this user may not open; a deleted one has nothing to share.
        Optional<Article> article = articles.findForEditing(id, actor).filter(a -> a.status() != ArticleStatus.TRASHED);
        if (article.isEmpty()) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
        PreviewLinks.PreviewLink link = links.create(id);
        audit.record(actor.username(), "preview-link", "article " + id + " " + article.get().slug(),
                "until " + link.expires(), request.getRemoteAddress().getAddress().getHostAddress());
        return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?previewLink="
                + URLEncoder.encode(link.token(), StandardCharsets.UTF_8) + "#share-preview"));
    }
}
