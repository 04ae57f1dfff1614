package dev.cms.admin.article;

import dev.cms.admin.auth.Actors;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.topic.TopicService;
import dev.cms.web.article.ArticlePage;
import dev.cms.web.article.ArticlePages;
import dev.cms.web.site.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Preview of what is in the edit form right now, saved or not, rendered by the public article
 * template, so editors see exactly what readers will. Never cached, never indexed.
 */
@Controller("/admin/articles/preview")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticlePreviewController {

    private final ArticleAdminService articles;
    private final ArticlePages pages;
    private final SiteSettings site;
    private final Actors actors;

    private final Messages messages;

    public ArticlePreviewController(ArticleAdminService articles, ArticlePages pages,
                                    SiteSettings site, Actors actors, Messages messages) {
        this.messages = messages;
        this.articles = articles;
        this.pages = pages;
        this.site = site;
        this.actors = actors;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public ModelAndView<ArticlePage> preview(@Body ArticleForm form, @Nullable @QueryValue Long id, Authentication user) {
        Article saved = id == null ? null : articles.findForEditing(id, actors.of(user)).orElse(null);
        String title = form.title() == null || form.title().isBlank() ? messages.get("admin.preview.untitled") : form.title().strip();
        String slug = form.slug() == null || form.slug().isBlank() ? (saved == null ? "preview" : saved.slug()) : form.slug().strip();
        return new ModelAndView<>("article/show", pages.preview(title, slug, form.summary(),
                shownTime(form.publishTime(), saved), form.body(), TopicService.parseNames(form.topics()),
                saved == null ? null : saved.id()));
    }

    private String shownTime(String typed, Article saved) {
        try {
            LocalDateTime parsed = PublishTimeInput.parse(typed);
            if (parsed != null) {
                return pages.shownTime(parsed.atZone(site.zone()).toInstant());
            }
        } catch (DateTimeParseException e) {
            return typed.strip();
        }
        return pages.shownTime(saved == null ? null : saved.publishedAt());
    }
}
