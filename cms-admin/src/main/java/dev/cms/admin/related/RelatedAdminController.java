package dev.cms.admin.related;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.content.Slugs;
import dev.cms.core.related.RelatedService;
import dev.cms.web.site.Messages;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** An article's 相关内容 as editors manage it: see the computed list, pin entries to the top, exclude some. */
@Controller("/admin/articles/{id}/related")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class RelatedAdminController {

    private final ArticleAdminService articles;
    private final ArticleRepository articleRepository;
    private final RelatedService related;

    private final Messages messages;

    public RelatedAdminController(ArticleAdminService articles, ArticleRepository articleRepository, RelatedService related,
                                  Messages messages) {
        this.messages = messages;
        this.articles = articles;
        this.articleRepository = articleRepository;
        this.related = related;
    }

    /** What the pin and exclude forms post: the other article by id, or by slug when typed. */
    @Serdeable
    public record RelatedForm(@Nullable Long relatedId, @Nullable String slug) {
    }

    @Get
    public HttpResponse<?> show(Long id) {
        return page(id, null);
    }

    @Post("/pin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> pin(Long id, @Body RelatedForm form) {
        return change(id, form, (article, other) -> related.pin(article, other));
    }

    @Post("/exclude")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> exclude(Long id, @Body RelatedForm form) {
        return change(id, form, (article, other) -> related.exclude(article, other));
    }

    @Post("/clear")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> clear(Long id, @Body RelatedForm form) {
        return change(id, form, (article, other) -> related.clearOverride(article, other));
    }

    private HttpResponse<?> change(Long id, RelatedForm form, java.util.function.BiConsumer<Long, Long> action) {
        if (articles.find(id).isEmpty()) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
        Optional<Article> other = form.relatedId() != null ? articles.find(form.relatedId())
                : form.slug() == null || !Slugs.mayExist(form.slug().strip()) ? Optional.empty()
                : articleRepository.findBySlug(form.slug().strip());
        if (other.isEmpty() || other.get().id().equals(id)) {
            return page(id, messages.get("admin.related.notFound"));
        }
        action.accept(id, other.get().id());
        return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/related"));
    }

    private HttpResponse<?> page(Long id, String error) {
        Optional<Article> article = articles.find(id);
        if (article.isEmpty()) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
        ModelAndView<RelatedPage> page = new ModelAndView<>("admin/articles/related",
                new RelatedPage(article.get(), related.storedList(id), related.overrides(id), error));
        return error == null ? HttpResponse.ok(page) : HttpResponse.unprocessableEntity().body(page);
    }
}
