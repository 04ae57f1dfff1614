package dev.cms.admin.article;

import dev.cms.admin.auth.Actors;
import dev.cms.admin.site.ConfirmPage;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleNotFoundException;
import dev.cms.core.article.PendingChangeService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
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
import java.util.Map;

/**
 * 放弃修改: drops the pending change of a published article after asking, like the other actions
 * that lose something ({@link ConfirmPage}). Saving and 更新 go through {@link ArticleAdminController}.
 */
@Controller("/admin/articles")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class PendingChangeController {

    private final PendingChangeService pendingChanges;
    private final ArticleAdminService articles;
    private final Actors actors;

    public PendingChangeController(PendingChangeService pendingChanges, ArticleAdminService articles, Actors actors) {
        this.pendingChanges = pendingChanges;
        this.articles = articles;
        this.actors = actors;
    }

    @Post("/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> discard(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        try {
            if (!ConfirmPage.given(confirmed)) {
                return articles.findForEditing(id, actors.of(user)).<HttpResponse<?>>map(a -> new ConfirmPage("discard",
                        a.title(), "/admin/articles/" + id + "/discard", "/admin/articles/" + id + "/edit").ask())
                        .orElseGet(PendingChangeController::notFound);
            }
            pendingChanges.discard(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?done=discarded"));
        } catch (ArticleNotFoundException e) {
            return notFound();
        }
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
    }
}
