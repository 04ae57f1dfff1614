package dev.cms.admin.article;

import dev.cms.admin.auth.Actors;
import dev.cms.admin.auth.HttpsRequests;
import dev.cms.admin.preview.PreviewLinks;
import dev.cms.admin.site.ConfirmPage;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminRow;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleFilter;
import dev.cms.core.article.ArticleNotFoundException;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.article.EditConflictException;
import dev.cms.core.article.InvalidArticleException;
import dev.cms.core.article.PendingChange;
import dev.cms.core.article.PendingChangeService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.site.DatabaseUnavailable;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.web.error.ServerErrorHandler;
import dev.cms.web.site.CurrentSite;
import dev.cms.web.site.Messages;
import dev.cms.web.site.SiteTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The editor's article pages: list, new, edit, save, publish, unpublish. */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticleAdminController {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleAdminController.class);
    private static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter INPUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The newest images offered as the featured image (and the chosen one, when older). */
    private static final int IMAGE_CHOICES = 24;

    private final ArticleAdminService articles;
    private final ArticleEditService edits;
    private final TopicService topics;
    private final SiteSettings site;
    private final Actors actors;
    private final PreviewLinks previewLinks;
    private final SiteTime siteTime;
    private final HttpsRequests https;
    private final MediaService media;
    private final PendingChangeService pendingChanges;

    private final Messages messages;

    public ArticleAdminController(ArticleAdminService articles, ArticleEditService edits, TopicService topics, SiteSettings site, Actors actors,
                                  PreviewLinks previewLinks, SiteTime siteTime, HttpsRequests https, MediaService media,
                                  Messages messages, PendingChangeService pendingChanges) {
        this.pendingChanges = pendingChanges;
        this.messages = messages;
        this.media = media;
        this.articles = articles;
        this.edits = edits;
        this.topics = topics;
        this.site = site;
        this.actors = actors;
        this.previewLinks = previewLinks;
        this.siteTime = siteTime;
        this.https = https;
    }

    @Get
    public HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/admin/articles"));
    }

    /**
     * The article list: filter by status, topic, author and title; sort by last change or publish
     * time; keyset pages ({@code after} = the last row's sort time in epoch milliseconds and id).
     */
    @Get("/articles{?status,topic,author,q,sort,after}")
    public ModelAndView<?> list(@Nullable String status, @Nullable String topic, @Nullable String author,
                                @Nullable String q, @Nullable String sort, @Nullable String after, Authentication user) {
        Actor actor = actors.of(user);
        ArticleStatus wanted = parseStatus(status);
        Long topicId = topic == null || topic.isBlank() ? null : topics.idOf(topic.strip()).orElse(-1L);
        Long authorId = author == null || author.isBlank() ? null
                : actors.byUsername(author.strip()).map(Actor::userId).orElse(-1L);
        boolean byPublished = "published".equals(sort);
        Instant afterTime = null;
        Long afterId = null;
        if (after != null && after.matches("[0-9]{1,15}-[0-9]{1,18}")) {
            afterTime = Instant.ofEpochMilli(Long.parseLong(after.substring(0, after.indexOf('-'))));
            afterId = Long.valueOf(after.substring(after.indexOf('-') + 1));
        }
        List<ArticleAdminRow> rows = articles.adminPage(new ArticleFilter(wanted, topicId, authorId, q, byPublished,
                afterTime, afterId), actor, PAGE_SIZE + 1);
        String next = null;
        if (rows.size() > PAGE_SIZE) {
            ArticleAdminRow last = rows.get(PAGE_SIZE - 1);
            next = last.sortTime().toEpochMilli() + "-" + last.id();
        }
        ArticleListPage.Filter shown = new ArticleListPage.Filter(wanted == null ? "" : wanted.name(),
                topic == null ? "" : topic, author == null ? "" : author, q == null ? "" : q,
                byPublished ? "published" : "updated");
        return new ModelAndView<>("admin/articles/list", new ArticleListPage(
                rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows, next, shown,
                List.of(ArticleStatus.DRAFT, ArticleStatus.REVIEW, ArticleStatus.SCHEDULED,
                        ArticleStatus.PUBLISHED, ArticleStatus.UNPUBLISHED)));
    }

    private static ArticleStatus parseStatus(String status) {
        try {
            return status == null || status.isBlank() ? null : ArticleStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Get("/articles/new")
    public ModelAndView<?> newForm() {
        return form(ArticleForm.empty(), null, Map.of());
    }

    @Post("/articles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(@Body ArticleForm form, Authentication user) {
        try {
            Article saved = edits.create(toEdit(form, null), action(form), actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + saved.id() + "/edit?done=" + done(saved)));
        } catch (InvalidArticleException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(form(form, null, e.errors()));
        } catch (RuntimeException e) {
            return databaseUnavailable(e, form, null);
        }
    }

    /**
     * The edit form; after a review link was made ({@code previewLink}), that link too, shown only
     * when it is genuine and for this very article.
     */
    @Get("/articles/{id}/edit{?previewLink}")
    public HttpResponse<?> edit(Long id, @Nullable String previewLink, Authentication user, HttpRequest<?> request) {
        return articles.findForEditing(id, actors.of(user))
                .<HttpResponse<?>>map(a -> {
                    PreviewLinks.Verdict link = previewLink == null ? null : previewLinks.check(previewLink);
                    ArticleEditPage.ReviewLink shown = null;
                    if (link != null && link.state() == PreviewLinks.State.VALID && link.link().articleId() == a.id()) {
                        shown = new ArticleEditPage.ReviewLink(origin(request) + link.link().path(),
                                siteTime.format(link.link().expires()));
                    }
                    ArticleForm form = pendingChanges.find(a.id()).map(p -> toForm(a, p)).orElseGet(() -> toForm(a));
                    return HttpResponse.ok(editPage(form, Map.of(), a, null, shown));
                })
                .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of())));
    }

    /** Scheme, host and port the editor reached this node by, for a link they can paste elsewhere. */
    private String origin(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            return "";
        }
        return (https.isHttps(request) ? "https://" : "http://") + host;
    }

    @Post("/articles/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(Long id, @Body ArticleForm form, Authentication user) {
        // Who is saving is read from the database too: inside the try, so an outage keeps the text.
        Actor actor = null;
        try {
            actor = actors.of(user);
            SaveAction action = action(form);
            Article saved = edits.update(id, toEdit(form, parseVersion(form.version())), action, actor);
            return HttpResponse.seeOther(URI.create("/admin/articles/" + saved.id() + "/edit?done=" + done(saved, action, form)));
        } catch (InvalidArticleException e) {
            // The form may be refused before the service checked who may see the article (an unreadable
            // time): the page shows the saved article only to those allowed to open it, others get a 403.
            Article current = articles.findForEditing(id, actor).orElse(null);
            if (current == null) {
                return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
            }
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(form(form, current, e.errors()));
        } catch (EditConflictException e) {
            String message = parseVersion(form.version()) == null ? "admin.error.versionMissing" : "admin.error.editConflict";
            return HttpResponse.status(HttpStatus.CONFLICT).body(conflictPage(form, e.current(),
                    Map.of("version", messages.get(message))));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        } catch (RuntimeException e) {
            return databaseUnavailable(e, form, id);
        }
    }

    /**
     * A save the database could not take (stopped, unreachable): the form again, exactly as typed,
     * saying that nothing was lost and it was not saved, with 503 and Retry-After. It is shown
     * without the stored article and the media library (they need the database too), so
     * {@code articleId} alone keeps the form saving this article rather than creating a new one, and
     * the featured image chosen travels as it was. Any other failure is rethrown.
     */
    private HttpResponse<?> databaseUnavailable(RuntimeException failure, ArticleForm form, Long id) {
        if (!DatabaseUnavailable.causedBy(failure)) {
            throw failure;
        }
        // The form is rendered with the settings last read: the database is not asked again.
        ServerRequestContext.currentRequest().ifPresent(CurrentSite::databaseUnavailable);
        LOG.warn("Saving article {} failed: the database is unavailable ({}); the form was shown again as typed",
                id == null ? "(new)" : id, failure.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ServerErrorHandler.RETRY_AFTER_SECONDS))
                .body(new ModelAndView<>("admin/articles/edit", new ArticleEditPage(form,
                        Map.of("database", messages.get("admin.error.databaseUnavailable")), null, id, null,
                        site.timeZone(), null, null, null)));
    }

    @Post("/articles/{id}/unpublish")
    @Secured({"ADMIN", "EDITOR"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unpublish(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        if (!ConfirmPage.given(confirmed)) {
            return ask("unpublish", id, "/admin/articles/" + id + "/unpublish");
        }
        try {
            edits.unpublish(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?done=unpublished"));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    @Post("/articles/{id}/unschedule")
    @Secured({"ADMIN", "EDITOR"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unschedule(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        if (!ConfirmPage.given(confirmed)) {
            return ask("unschedule", id, "/admin/articles/" + id + "/unschedule");
        }
        try {
            edits.unschedule(id, actors.of(user));
            return HttpResponse.seeOther(URI.create("/admin/articles/" + id + "/edit?done=unscheduled"));
        } catch (ArticleNotFoundException e) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
    }

    /** The question before a change of the article's state, or 404 when there is no such article. */
    private HttpResponse<?> ask(String kind, Long id, String action) {
        return articles.find(id).<HttpResponse<?>>map(a -> new ConfirmPage(kind, a.title(), action,
                "/admin/articles/" + id + "/edit").ask()).orElseGet(() -> HttpResponse.notFound(
                new ModelAndView<>("admin/not-found", Map.of())));
    }

    private ModelAndView<ArticleEditPage> form(ArticleForm form, @Nullable Article article, Map<String, String> errors) {
        return editPage(form, errors, article, null, null);
    }

    /**
     * The form as typed beside the version saved meanwhile, which it is then based on: saved again,
     * it replaces that version, as the editor has now seen it.
     */
    private ModelAndView<ArticleEditPage> conflictPage(ArticleForm form, Article current, Map<String, String> errors) {
        ArticleForm rebased = new ArticleForm(form.title(), form.slug(), form.summary(), form.body(), form.topics(),
                form.publishTime(), form.featuredImage(), String.valueOf(current.version()), form.action());
        return editPage(rebased, errors, current, toForm(current), null);
    }

    private ModelAndView<ArticleEditPage> editPage(ArticleForm form, Map<String, String> errors, @Nullable Article article,
                                                   @Nullable ArticleForm conflict,
                                                   @Nullable ArticleEditPage.ReviewLink previewLink) {
        PendingChange pending = article == null ? null : pendingChanges.find(article.id()).orElse(null);
        return new ModelAndView<>("admin/articles/edit", new ArticleEditPage(form, errors, article, null, conflict,
                site.timeZone(), previewLink, imageChoices(form), pending));
    }

    /** The newest images of the library, and the one the form chose when it is older. */
    private List<ArticleEditPage.ImageChoice> imageChoices(ArticleForm form) {
        List<Media> shown = new ArrayList<>(media.library(null, IMAGE_CHOICES).items());
        Long chosen = parseId(form.featuredImage());
        if (chosen != null && shown.stream().noneMatch(m -> m.id().equals(chosen))) {
            media.find(chosen).ifPresent(shown::add);
        }
        return shown.stream().map(m -> new ArticleEditPage.ImageChoice(String.valueOf(m.id()), m.url(),
                m.originalName(), m.width(), m.height())).toList();
    }

    private ArticleForm toForm(Article a) {
        String topicNames = topics.topicsOf(a.id()).stream().map(Topic::name).collect(Collectors.joining(", "));
        String time = a.publishedAt() == null ? "" : INPUT_TIME.format(a.publishedAt().atZone(site.zone()));
        String image = Optional.ofNullable(a.featuredImagePath()).flatMap(media::findByPath)
                .map(m -> String.valueOf(m.id())).orElse("");
        return new ArticleForm(a.title(), a.slug(), a.summary(), a.bodyMarkdown(), topicNames, time, image,
                String.valueOf(a.version()), "");
    }

    /** The form of a published article with a pending change: the change, on the live article's time and version. */
    private ArticleForm toForm(Article a, PendingChange pending) {
        ArticleForm live = toForm(a);
        String image = Optional.ofNullable(pending.featuredImagePath()).flatMap(media::findByPath)
                .map(m -> String.valueOf(m.id())).orElse("");
        return new ArticleForm(pending.title(), pending.slug() == null || pending.slug().isBlank() ? a.slug() : pending.slug(),
                pending.summary() == null ? "" : pending.summary(), pending.bodyMarkdown(),
                String.join(", ", PendingChangeService.topicNames(pending)), live.publishTime(), image, live.version(), "");
    }

    private ArticleEdit toEdit(ArticleForm form, Long version) {
        LocalDateTime publishTime = parseTime(form.publishTime());
        Long image = parseId(form.featuredImage());
        if (image == null && form.featuredImage() != null && !form.featuredImage().isBlank()) {
            throw new InvalidArticleException(Map.of("featuredImage", messages.get("admin.error.featuredImage")));
        }
        return new ArticleEdit(form.title() == null ? "" : form.title(), form.slug(), form.summary(),
                form.body() == null ? "" : form.body(), TopicService.parseNames(form.topics()), publishTime, image,
                version);
    }

    /** A media id as the form sends it; null when blank or not an id (the caller tells those apart). */
    private static Long parseId(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(text.strip());
    }

    /** What the save did, named by the state the article is in now: the page says so ({@link dev.cms.admin.auth.AdminPageAttributes}). */
    private static String done(Article saved, SaveAction action, ArticleForm form) {
        if (saved.status() == ArticleStatus.PUBLISHED && action != SaveAction.PUBLISH) {
            return action == SaveAction.SUBMIT ? "submitted" : "pending";
        }
        if (saved.status() == ArticleStatus.PUBLISHED && "update".equals(form.action())) {
            return "updated";
        }
        return done(saved);
    }

    private static String done(Article saved) {
        return switch (saved.status()) {
            case PUBLISHED -> "published";
            case SCHEDULED -> "scheduled";
            case REVIEW -> "submitted";
            default -> "saved";
        };
    }

    private static SaveAction action(ArticleForm form) {
        return switch (form.action() == null ? "" : form.action()) {
            // 更新 on a published article: the pending change (the form shows it) is published.
            case "publish", "update" -> SaveAction.PUBLISH;
            case "submit" -> SaveAction.SUBMIT;
            default -> SaveAction.SAVE;
        };
    }

    private LocalDateTime parseTime(String text) {
        try {
            return PublishTimeInput.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidArticleException(Map.of("publishTime", messages.get("admin.error.publishTime")));
        }
    }

    /** The version the form was made from; null when missing or not a number, which the service refuses as a conflict. */
    private static Long parseVersion(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
