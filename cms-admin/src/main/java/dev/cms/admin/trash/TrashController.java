package dev.cms.admin.trash;

import dev.cms.admin.auth.Actors;
import dev.cms.admin.site.ConfirmPage;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleNotFoundException;
import dev.cms.core.article.ArticleTrashService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
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

/** Deleting moves articles here; editors restore them or purge them for good. */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrashController {

    private static final int LIST_SIZE = 200;
    private final ArticleTrashService articles;
    private final Actors actors;
    private final ArticleAdminService admin;

    public TrashController(ArticleTrashService articles, Actors actors, ArticleAdminService admin) {
        this.articles = articles;
        this.admin = admin;
        this.actors = actors;
    }

    @Get("/trash")
    public ModelAndView<?> list() {
        return new ModelAndView<>("admin/trash/list", new TrashListPage(articles.trashList(LIST_SIZE)));
    }

    @Post("/articles/{id}/trash")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> trash(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        if (!ConfirmPage.given(confirmed)) {
            return ask("trash", id, "/admin/articles/" + id + "/trash", "/admin/articles/" + id + "/edit");
        }
        try {
            articles.trash(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/trash?done=trashed"));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    @Post("/trash/{id}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> restore(Long id, Authentication user) {
        articles.restore(id, actors.of(user));
        return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?done=restored"));
    }

    @Post("/trash/{id}/purge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> purge(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        if (!ConfirmPage.given(confirmed)) {
            return ask("purge", id, "/admin/trash/" + id + "/purge", "/admin/trash");
        }
        articles.purge(id, actors.of(user));
        return HttpResponse.seeOther(URI.create("/admin/trash?done=purged"));
    }

    private HttpResponse<?> ask(String kind, Long id, String action, String cancelUrl) {
        return admin.find(id).<HttpResponse<?>>map(a -> new ConfirmPage(kind, a.title(), action, cancelUrl).ask())
                .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of())));
    }
}
