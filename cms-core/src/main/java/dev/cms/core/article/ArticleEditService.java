package dev.cms.core.article;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.content.ArticleChanged;
import dev.cms.core.content.Slugs;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.media.Media;
import dev.cms.core.related.RelatedService;
import dev.cms.core.revision.Revision;
import dev.cms.core.revision.RevisionRepository;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.site.Texts;
import dev.cms.core.site.UniqueInserts;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writing articles: create, save, submit, publish (or schedule, for a future time), unpublish and
 * cancel a schedule, each checked against {@link ArticleAccess} and {@link ArticleValidator}. Every
 * save keeps a revision and an audit line for a status change, and every change that can alter
 * related lists (publish, unpublish, topics) recomputes them in the same transaction.
 */
@Singleton
public class ArticleEditService {

    /** How many taken slugs a new article tries past before giving up (each lost race costs one). */
    private static final int SLUG_ATTEMPTS = 50;
    private static final int AUTO_SUMMARY_LENGTH = 140;

    private final ArticleRepository articles;
    private final ArticleAccess access;
    private final ArticleValidator validator;
    private final TopicService topics;
    private final RelatedService related;
    private final MarkdownRenderer markdown;
    private final SlugRedirectRepository redirects;
    private final RevisionRepository revisions;
    private final AuditLog audit;
    private final ApplicationEventPublisher<ArticleChanged> events;
    private final SiteSettings site;
    private final Clock clock;
    private final Texts texts;
    private final UniqueInserts uniqueInserts;
    private final PendingChangeService pending;

    public ArticleEditService(ArticleRepository articles, ArticleAccess access, ArticleValidator validator,
                              TopicService topics, RelatedService related, MarkdownRenderer markdown,
                              SlugRedirectRepository redirects, RevisionRepository revisions, AuditLog audit,
                              ApplicationEventPublisher<ArticleChanged> events, SiteSettings site, Clock clock,
                              Texts texts, UniqueInserts uniqueInserts, PendingChangeService pending) {
        this.articles = articles;
        this.access = access;
        this.validator = validator;
        this.topics = topics;
        this.related = related;
        this.markdown = markdown;
        this.redirects = redirects;
        this.revisions = revisions;
        this.audit = audit;
        this.events = events;
        this.site = site;
        this.clock = clock;
        this.texts = texts;
        this.uniqueInserts = uniqueInserts;
        this.pending = pending;
    }

    /** Creates an article written by the actor, who becomes its author. */
    @Transactional
    public Article create(ArticleEdit edit, SaveAction action, Actor actor) {
        access.requireMaySave(action, actor);
        validator.check(edit, null, explicitInstant(edit));
        Instant now = clock.instant();
        ArticleStatus status = switch (action) {
            case PUBLISH -> publishStatus(edit, now);
            case UNPUBLISH -> ArticleStatus.UNPUBLISHED;
            case SUBMIT -> ArticleStatus.REVIEW;
            case SAVE -> ArticleStatus.DRAFT;
        };
        Instant publishedAt = status == ArticleStatus.PUBLISHED ? publishInstant(edit, null, now) : explicitInstant(edit);
        String bodyHtml = markdown.toSafeHtml(edit.bodyMarkdown());
        Media image = validator.featuredImage(edit).orElse(null);
        Article saved = insertWithFreeSlug(edit, slug -> new Article(null, slug, edit.title().strip(), summaryOf(edit),
                edit.bodyMarkdown(), bodyHtml, status, publishedAt, now, now, image == null ? null : image.path(),
                image == null ? null : image.width(), image == null ? null : image.height(), null));
        if (actor.userId() != null) {
            articles.setAuthor(saved.id(), actor.userId());
        }
        topics.setTopics(saved.id(), edit.topicNames());
        keepRevision(saved, edit, actor);
        auditStatus(ArticleStatus.DRAFT, saved, actor);
        related.refreshAround(saved.id(), Set.of());
        events.publishEvent(new ArticleChanged(saved.id()));
        return saved;
    }

    /**
     * Inserts the new article under the slug the editor typed, or else the first free one made
     * from its title. Another article saved at the same moment may take that slug between the
     * check and the insert: the database's unique constraint refuses the second insert, and it
     * tries the next free slug (a typed slug is refused with a message instead).
     */
    private Article insertWithFreeSlug(ArticleEdit edit, Function<String, Article> withSlug) {
        if (!blank(edit.slug())) {
            String slug = edit.slug().strip();
            redirects.deleteBySlug(slug);
            return uniqueInserts.attempt(() -> articles.save(withSlug.apply(slug)))
                    .orElseThrow(() -> slugTaken(slug));
        }
        String base = Slugs.fromText(edit.title(), "article");
        for (int attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
            String slug = uniqueSlug(base);
            redirects.deleteBySlug(slug);
            Optional<Article> saved = uniqueInserts.attempt(() -> articles.save(withSlug.apply(slug)));
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        throw slugTaken(base);
    }

    private InvalidArticleException slugTaken(String slug) {
        return new InvalidArticleException(Map.of("slug", texts.get("article.slug.taken", slug)));
    }

    /**
     * Saves an edit by the actor: authors only their own drafts, and only editors publish. Saving
     * (or submitting) a published article keeps the live version and stores the edit as its pending
     * change ({@link PendingChangeService}); publishing it (更新) makes the edit live and drops that.
     */
    @Transactional
    public Article update(Long id, ArticleEdit edit, SaveAction action, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        if (current.status() == ArticleStatus.PUBLISHED && (action == SaveAction.SAVE || action == SaveAction.SUBMIT)) {
            return pending.store(current, edit, action == SaveAction.SUBMIT, actor);
        }
        access.requireMayEdit(current, actor);
        access.requireMaySave(action, actor);
        // An edit that does not say which version it was made from cannot be checked: refused like a stale one.
        if (edit.version() == null || !edit.version().equals(current.version())) {
            throw new EditConflictException(current);
        }
        validator.check(edit, current, explicitInstant(edit));
        String slug = blank(edit.slug()) ? current.slug() : edit.slug().strip();
        Instant now = clock.instant();
        // A live article is updated now: a later time would take it off the site until then.
        if (current.status() == ArticleStatus.PUBLISHED && action == SaveAction.PUBLISH
                && publishStatus(edit, now) == ArticleStatus.SCHEDULED) {
            throw new InvalidArticleException(Map.of("publishTime", texts.get("article.publishTime.updateLater")));
        }
        ArticleStatus status = switch (action) {
            case PUBLISH -> publishStatus(edit, now);
            case UNPUBLISH -> ArticleStatus.UNPUBLISHED;
            case SUBMIT -> ArticleStatus.REVIEW;
            // Saving a scheduled article keeps it scheduled, at its new time if one is given.
            case SAVE -> current.status() == ArticleStatus.SCHEDULED && edit.publishTime() != null
                    ? publishStatus(edit, now) : current.status();
        };
        Instant publishedAt = status == ArticleStatus.PUBLISHED
                ? publishInstant(edit, current.publishedAt(), now)
                : Optional.ofNullable(explicitInstant(edit)).orElse(current.publishedAt());
        Set<Long> before = related.neighboursOf(id);
        if (!slug.equals(current.slug())) {
            redirects.deleteBySlug(slug);
            redirects.insert(current.slug(), id, now);
        }
        Media image = validator.featuredImage(edit).orElse(null);
        Article saved;
        try {
            saved = articles.update(new Article(id, slug, edit.title().strip(), summaryOf(edit), edit.bodyMarkdown(),
                    markdown.toSafeHtml(edit.bodyMarkdown()), status, publishedAt, current.createdAt(), now,
                    image == null ? null : image.path(), image == null ? null : image.width(),
                    image == null ? null : image.height(), current.version()));
        } catch (OptimisticLockException e) {
            throw new EditConflictException(articles.findById(id).orElse(current));
        } catch (RuntimeException e) {
            // Another article took the typed slug since it was checked above.
            if (UniqueInserts.isUniqueViolation(e)) {
                throw slugTaken(slug);
            }
            throw e;
        }
        topics.setTopics(id, edit.topicNames());
        pending.published(id);
        keepRevision(saved, edit, actor);
        auditStatus(current.status(), saved, actor);
        related.refreshAround(id, before);
        events.publishEvent(new ArticleChanged(id));
        return saved;
    }

    /** Takes an article off the public site without touching its content. */
    @Transactional
    public Article unpublish(Long id, Actor actor) {
        access.requireMaySave(SaveAction.UNPUBLISH, actor);
        Article before = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Article after = changeStatus(id, ArticleStatus.UNPUBLISHED);
        auditStatus(before.status(), after, actor);
        return after;
    }

    /** Cancels a scheduled publication: the article goes back to being a draft, its time kept. */
    @Transactional
    public Article unschedule(Long id, Actor actor) {
        access.requireMaySave(SaveAction.UNPUBLISH, actor);
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        if (current.status() != ArticleStatus.SCHEDULED) {
            return current;
        }
        Article after = changeStatus(id, ArticleStatus.DRAFT);
        auditStatus(ArticleStatus.SCHEDULED, after, actor);
        return after;
    }

    /** Status changes that matter later go to the audit log. */
    private void auditStatus(ArticleStatus before, Article after, Actor actor) {
        if (before == after.status()) {
            return;
        }
        String action = switch (after.status()) {
            case PUBLISHED -> "publish";
            case SCHEDULED -> "schedule";
            case UNPUBLISHED -> "unpublish";
            case REVIEW -> "submit";
            case TRASHED -> "trash";
            case DRAFT -> before == ArticleStatus.SCHEDULED ? "unschedule" : "draft";
        };
        audit.record(actor.username(), action, "article " + after.id() + " " + after.slug(), after.title(), "");
    }

    /** Every save is kept: who saved which text, topics, featured image and status, and when. */
    private void keepRevision(Article saved, ArticleEdit edit, Actor actor) {
        revisions.save(new Revision(null, saved.id(), saved.title(), saved.summary(), saved.bodyMarkdown(),
                String.join(", ", edit.topicNames()), saved.status().name(), actor.username(), saved.updatedAt(),
                saved.featuredImagePath()));
    }

    private Article changeStatus(Long id, ArticleStatus status) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Set<Long> before = related.neighboursOf(id);
        Article saved = articles.update(new Article(id, current.slug(), current.title(), current.summary(),
                current.bodyMarkdown(), current.bodyHtml(), status, current.publishedAt(),
                current.createdAt(), clock.instant(), current.featuredImagePath(), current.featuredImageWidth(),
                current.featuredImageHeight(), current.version()));
        related.refreshAround(id, before);
        events.publishEvent(new ArticleChanged(id));
        return saved;
    }

    /** Publishing with a future time schedules instead: the scheduler publishes it then. */
    private ArticleStatus publishStatus(ArticleEdit edit, Instant now) {
        Instant explicit = explicitInstant(edit);
        return explicit != null && explicit.isAfter(now) ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
    }

    private Instant publishInstant(ArticleEdit edit, Instant previous, Instant now) {
        Instant explicit = explicitInstant(edit);
        // A scheduled article published early goes out now, not at its (future) scheduled time.
        return explicit != null ? explicit : previous != null && !previous.isAfter(now) ? previous : now;
    }

    private Instant explicitInstant(ArticleEdit edit) {
        return edit.publishTime() == null ? null : edit.publishTime().atZone(site.zone()).toInstant();
    }

    private String summaryOf(ArticleEdit edit) {
        return blank(edit.summary()) ? summaryOf(edit.bodyMarkdown(), markdown) : edit.summary().strip();
    }

    /** The summary made from the body when none is typed: its first characters as plain text. */
    static String summaryOf(String bodyMarkdown, MarkdownRenderer markdown) {
        String text = markdown.toPlainText(bodyMarkdown);
        if (text.codePointCount(0, text.length()) <= AUTO_SUMMARY_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, AUTO_SUMMARY_LENGTH)) + "…";
    }

    private String uniqueSlug(String base) {
        String slug = base;
        for (int n = 2; articles.existsBySlug(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
