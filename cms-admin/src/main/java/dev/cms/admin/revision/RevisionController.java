package dev.cms.admin.revision;

import dev.cms.admin.auth.Actors;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleNotFoundException;
import dev.cms.core.article.ArticleRevisionService;
import dev.cms.core.revision.LineDiff;
import dev.cms.core.revision.Revision;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** An article's revisions: the list, one revision compared with the current text, and restore. */
@Controller("/admin/articles/{id}/revisions")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class RevisionController {

    private final ArticleAdminService articles;
    private final ArticleRevisionService revisions;
    private final Actors actors;

    public RevisionController(ArticleAdminService articles, ArticleRevisionService revisions, Actors actors) {
        this.articles = articles;
        this.revisions = revisions;
        this.actors = actors;
    }

    @Get
    public HttpResponse<?> list(Long id, Authentication user) {
        try {
            Article article = articles.findForEditing(id, actors.of(user)).orElseThrow(() -> new ArticleNotFoundException(id));
            return HttpResponse.ok(new ModelAndView<>("admin/revisions/list",
                    new RevisionListPage(article, revisions.revisions(id, actors.of(user)))));
        } catch (ArticleNotFoundException e) {
            return notFound();
        }
    }

    @Get("/{revisionId}")
    public HttpResponse<?> show(Long id, Long revisionId, Authentication user) {
        try {
            Article current = articles.findForEditing(id, actors.of(user)).orElseThrow(() -> new ArticleNotFoundException(id));
            Optional<Revision> revision = revisions.revision(id, revisionId, actors.of(user));
            if (revision.isEmpty()) {
                return notFound();
            }
            return HttpResponse.ok(new ModelAndView<>("admin/revisions/show", new RevisionComparePage(current,
                    revision.get(), !revision.get().title().equals(current.title()),
                    LineDiff.between(revision.get().bodyMarkdown(), current.bodyMarkdown()))));
        } catch (ArticleNotFoundException e) {
            return notFound();
        }
    }

    @Post("/{revisionId}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> restore(Long id, Long revisionId, Authentication user) {
        try {
            revisions.restoreRevision(id, revisionId, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?done=revision-restored"));
        } catch (ArticleNotFoundException e) {
            return notFound();
        }
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
    }
}
