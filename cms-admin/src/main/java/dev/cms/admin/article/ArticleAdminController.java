package dev.cms.admin.article;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleNotFoundException;
import dev.cms.core.article.ArticleService;
import dev.cms.core.article.EditConflictException;
import dev.cms.core.article.InvalidArticleException;
import dev.cms.core.article.SaveAction;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import dev.cms.admin.auth.Actors;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The editor's article pages: list, new, edit, save, publish, unpublish. */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticleAdminController {

    private static final int LIST_SIZE = 200;
    private static final DateTimeFormatter INPUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ArticleService articles;
    private final TopicService topics;
    private final SiteSettings site;
    private final Actors actors;

    public ArticleAdminController(ArticleService articles, TopicService topics, SiteSettings site, Actors actors) {
        this.articles = articles;
        this.topics = topics;
        this.site = site;
        this.actors = actors;
    }

    @Get
    public HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/admin/articles"));
    }

    @Get("/articles")
    public ModelAndView<?> list(Authentication user) {
        return new ModelAndView<>("admin/articles/list", Map.of("articles", articles.adminList(LIST_SIZE, actors.of(user))));
    }

    @Get("/articles/new")
    public ModelAndView<?> newForm() {
        return form(ArticleForm.empty(), null, Map.of(), null);
    }

    @Post("/articles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(@Body ArticleForm form, Authentication user) {
        try {
            Article saved = articles.create(toEdit(form, null), action(form), actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + saved.id() + "/edit?saved=1"));
        } catch (InvalidArticleException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(form(form, null, e.errors(), null));
        }
    }

    @Get("/articles/{id}/edit")
    public HttpResponse<?> edit(Long id, Authentication user) {
        return articles.findForEditing(id, actors.of(user))
                .<HttpResponse<?>>map(a -> HttpResponse.ok(form(toForm(a), a, Map.of(), null)))
                .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of())));
    }

    @Post("/articles/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(Long id, @Body ArticleForm form, Authentication user) {
        try {
            Article saved = articles.update(id, toEdit(form, parseVersion(form.version())), action(form), actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + saved.id() + "/edit?saved=1"));
        } catch (InvalidArticleException e) {
            Article current = articles.find(id).orElse(null);
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(form(form, current, e.errors(), null));
        } catch (EditConflictException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(form(form, e.current(),
                    Map.of("version", "这篇文章在您编辑期间已被他人修改。您的内容仍在下方表单中;当前保存的版本显示在旁边,请合并后再保存。"),
                    e.current()));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    @Post("/articles/{id}/unpublish")
    @Secured({"ADMIN", "EDITOR"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unpublish(Long id, Authentication user) {
        try {
            articles.unpublish(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?saved=1"));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    @Post("/articles/{id}/unschedule")
    @Secured({"ADMIN", "EDITOR"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unschedule(Long id, Authentication user) {
        try {
            articles.unschedule(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?saved=1"));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    private ModelAndView<?> form(ArticleForm form, Article article, Map<String, String> errors, Article conflict) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        if (article != null) {
            model.put("article", article);
        }
        if (conflict != null) {
            model.put("conflict", toForm(conflict));
            model.put("form", new ArticleForm(form.title(), form.slug(), form.summary(), form.body(), form.topics(),
                    form.publishTime(), String.valueOf(conflict.version()), form.action()));
        }
        model.put("timeZone", site.timeZone());
        return new ModelAndView<>("admin/articles/edit", model);
    }

    private ArticleForm toForm(Article a) {
        String topicNames = topics.topicsOf(a.id()).stream().map(Topic::name).collect(Collectors.joining(", "));
        String time = a.publishedAt() == null ? "" : INPUT_TIME.format(a.publishedAt().atZone(site.zone()));
        return new ArticleForm(a.title(), a.slug(), a.summary(), a.bodyMarkdown(), topicNames, time,
                String.valueOf(a.version()), "");
    }

    private static ArticleEdit toEdit(ArticleForm form, Long version) {
        LocalDateTime publishTime = parseTime(form.publishTime());
        return new ArticleEdit(form.title() == null ? "" : form.title(), form.slug(), form.summary(),
                form.body() == null ? "" : form.body(), TopicService.parseNames(form.topics()), publishTime, version);
    }

    private static SaveAction action(ArticleForm form) {
        return switch (form.action() == null ? "" : form.action()) {
            case "publish" -> SaveAction.PUBLISH;
            case "submit" -> SaveAction.SUBMIT;
            default -> SaveAction.SAVE;
        };
    }

    private static LocalDateTime parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalized = text.strip().replace(' ', 'T');
        try {
            return LocalDateTime.parse(normalized.length() == 16 ? normalized + ":00" : normalized);
        } catch (DateTimeParseException e) {
            throw new InvalidArticleException(Map.of("publishTime", "发布时间格式应为 yyyy-MM-dd HH:mm:ss"));
        }
    }

    private static Long parseVersion(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
