package dev.cms.core.article;

import dev.cms.core.site.Texts;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.related.RelatedService;
import dev.cms.core.revision.Revision;
import dev.cms.core.revision.RevisionRepository;
import dev.cms.core.revision.RevisionRow;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.site.StorableText;
import dev.cms.core.site.UniqueInserts;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writing and publishing articles, and reading them for the public site. Every change that can
 * alter related lists (publish, unpublish, topics) recomputes them in the same transaction.
 */
@Singleton
public class ArticleService {

    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 1000;
    public static final int MAX_BODY = 500_000;
    public static final int MAX_TOPICS = 20;
    /**
     * Publish times are accepted from 1970 to 9999 (UTC): earlier ones are typing mistakes (and
     * before 1901 the site's zone has no standard offset: Shanghai's local mean time is +08:05:43),
     * later ones do not fit the databases (H2 wraps year 999,999,999 around to a year before Christ).
     */
    public static final Instant EARLIEST_PUBLISH_TIME = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST_PUBLISH_TIME = Instant.parse("9999-12-31T23:59:59Z");
    /** How many taken slugs a new article tries past before giving up (each lost race costs one). */
    private static final int SLUG_ATTEMPTS = 50;
    private static final int AUTO_SUMMARY_LENGTH = 140;

    private final ArticleRepository articles;
    private final TopicService topics;
    private final RelatedService related;
    private final MarkdownRenderer markdown;
    private final SiteSettings site;
    private final Clock clock;
    private final ApplicationEventPublisher<ArticleChanged> events;
    private final SlugRedirectRepository redirects;
    private final RevisionRepository revisions;
    private final AuditLog audit;

    private final Texts texts;
    private final UniqueInserts uniqueInserts;

    public ArticleService(ArticleRepository articles, TopicService topics, RelatedService related,
                          MarkdownRenderer markdown, SiteSettings site, Clock clock,
                          ApplicationEventPublisher<ArticleChanged> events, SlugRedirectRepository redirects,
                          RevisionRepository revisions, AuditLog audit, Texts texts, UniqueInserts uniqueInserts) {
        this.texts = texts;
        this.uniqueInserts = uniqueInserts;
        this.articles = articles;
        this.audit = audit;
        this.revisions = revisions;
        this.redirects = redirects;
        this.topics = topics;
        this.related = related;
        this.markdown = markdown;
        this.site = site;
        this.clock = clock;
        this.events = events;
    }

    /** The published article with this slug, its topics and its related list; empty for readers otherwise. */
    @Transactional(readOnly = true)
    public Optional<PublishedArticle> findPublished(String slug) {
        if (!Slugs.mayExist(slug)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return articles.findPublishedBySlug(slug, now)
                .map(a -> new PublishedArticle(a, topics.topicsOf(a.id()), related.publishedList(a.id())));
    }

    /** Where an old slug of a published article points now, for a permanent redirect. */
    @Transactional(readOnly = true)
    public Optional<String> currentSlugFor(String oldSlug) {
        if (!Slugs.mayExist(oldSlug)) {
            return Optional.empty();
        }
        return redirects.findPublishedTarget(oldSlug, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ArticleSummary> newestPublished(int limit) {
        return articles.findPublishedSummaries(clock.instant(), limit);
    }

    @Transactional(readOnly = true)
    public Optional<Article> find(Long id) {
        return articles.findById(id);
    }

    /**
     * One page of the admin list as the actor may see it (authors: their own articles only),
     * narrowed by the filter. Keyset pagination: pass the last row's keys to get the next page.
     */
    @Transactional(readOnly = true)
    public List<ArticleAdminRow> adminPage(ArticleFilter filter, Actor actor, int limit) {
        Long authorId = actor.editsAllContent() ? filter.authorId() : actor.userId();
        String status = filter.status() == null ? null : filter.status().name();
        String titleLike = filter.titleContains() == null || filter.titleContains().isBlank() ? null
                : "%" + filter.titleContains().strip().toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return filter.byPublishTime()
                ? articles.pageByPublished(status, authorId, filter.topicId(), titleLike, filter.afterTime(), filter.afterId(), limit)
                : articles.pageByUpdated(status, authorId, filter.topicId(), titleLike, filter.afterTime(), filter.afterId(), limit);
    }

    /** The article for the edit form, if the actor may open it. */
    @Transactional(readOnly = true)
    public Optional<Article> findForEditing(Long id, Actor actor) {
        Optional<Article> article = articles.findById(id);
        article.ifPresent(a -> requireVisible(a, actor));
        return article;
    }

    private void requireAllowed(SaveAction action, Actor actor) {
        if ((action == SaveAction.PUBLISH || action == SaveAction.UNPUBLISH) && !actor.canPublish()) {
            throw new ForbiddenException(texts.get("article.forbidden.authorPublish"));
        }
    }

    private void requireVisible(Article article, Actor actor) {
        if (!actor.editsAllContent() && !Objects.equals(articles.findAuthorId(article.id()).orElse(null), actor.userId())) {
            throw new ForbiddenException(texts.get("article.forbidden.notOwn"));
        }
    }

    private void requireEditable(Article article, Actor actor) {
        requireVisible(article, actor);
        if (article.status() == ArticleStatus.TRASHED) {
            throw new ForbiddenException(texts.get("article.forbidden.trashed"));
        }
        if (!actor.editsAllContent() && article.status() != ArticleStatus.DRAFT && article.status() != ArticleStatus.REVIEW) {
            throw new ForbiddenException(texts.get("article.forbidden.publishedByEditor"));
        }
    }

    @Transactional
    public Article create(ArticleEdit edit, SaveAction action) {
        return create(edit, action, Actor.SYSTEM);
    }

    /** Creates an article written by the actor, who becomes its author. */
    @Transactional
    public Article create(ArticleEdit edit, SaveAction action, Actor actor) {
        requireAllowed(action, actor);
        Map<String, String> errors = validate(edit, null);
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        Instant now = clock.instant();
        ArticleStatus status = switch (action) {
            case PUBLISH -> publishStatus(edit, now);
            case UNPUBLISH -> ArticleStatus.UNPUBLISHED;
            case SUBMIT -> ArticleStatus.REVIEW;
            case SAVE -> ArticleStatus.DRAFT;
        };
        Instant publishedAt = status == ArticleStatus.PUBLISHED ? publishInstant(edit, null, now) : explicitInstant(edit);
        String bodyHtml = markdown.toSafeHtml(edit.bodyMarkdown());
        Article saved = insertWithFreeSlug(edit, slug -> new Article(null, slug, edit.title().strip(), summaryOf(edit),
                edit.bodyMarkdown(), bodyHtml, status, publishedAt, now, now, null));
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
    private Article insertWithFreeSlug(ArticleEdit edit, java.util.function.Function<String, Article> withSlug) {
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

    @Transactional
    public Article update(Long id, ArticleEdit edit, SaveAction action) {
        return update(id, edit, action, Actor.SYSTEM);
    }

    /** Saves an edit by the actor: authors only their own drafts, and only editors publish. */
    @Transactional
    public Article update(Long id, ArticleEdit edit, SaveAction action, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        requireEditable(current, actor);
        requireAllowed(action, actor);
        // An edit that does not say which version it was made from cannot be checked: refused like a stale one.
        if (edit.version() == null || !edit.version().equals(current.version())) {
            throw new EditConflictException(current);
        }
        Map<String, String> errors = validate(edit, current);
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        String slug = blank(edit.slug()) ? current.slug() : edit.slug().strip();
        Instant now = clock.instant();
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
        Article saved;
        try {
            saved = articles.update(new Article(id, slug, edit.title().strip(), summaryOf(edit), edit.bodyMarkdown(),
                    markdown.toSafeHtml(edit.bodyMarkdown()), status, publishedAt, current.createdAt(), now,
                    current.version()));
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
        keepRevision(saved, edit, actor);
        auditStatus(current.status(), saved, actor);
        related.refreshAround(id, before);
        events.publishEvent(new ArticleChanged(id));
        return saved;
    }

    /** Takes an article off the public site without touching its content. */
    @Transactional
    public Article unpublish(Long id) {
        return unpublish(id, Actor.SYSTEM);
    }

    @Transactional
    public Article unpublish(Long id, Actor actor) {
        requireAllowed(SaveAction.UNPUBLISH, actor);
        Article before = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Article after = changeStatus(id, ArticleStatus.UNPUBLISHED);
        auditStatus(before.status(), after, actor);
        return after;
    }

    /** Cancels a scheduled publication: the article goes back to being a draft, its time kept. */
    @Transactional
    public Article unschedule(Long id) {
        return unschedule(id, Actor.SYSTEM);
    }

    @Transactional
    public Article unschedule(Long id, Actor actor) {
        requireAllowed(SaveAction.UNPUBLISH, actor);
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

    /** Every save is kept: who saved which text, topics and status, and when. */
    private void keepRevision(Article saved, ArticleEdit edit, Actor actor) {
        revisions.save(new Revision(null, saved.id(), saved.title(), saved.summary(), saved.bodyMarkdown(),
                String.join(", ", edit.topicNames()), saved.status().name(), actor.username(), saved.updatedAt()));
    }

    /** The revisions of an article the actor may see, newest first. */
    @Transactional(readOnly = true)
    public List<RevisionRow> revisions(Long id, Actor actor) {
        findForEditing(id, actor).orElseThrow(() -> new ArticleNotFoundException(id));
        return revisions.listForArticle(id, 500);
    }

    @Transactional(readOnly = true)
    public Optional<Revision> revision(Long id, Long revisionId, Actor actor) {
        findForEditing(id, actor).orElseThrow(() -> new ArticleNotFoundException(id));
        return revisions.findByIdAndArticleId(revisionId, id);
    }

    /** Puts a revision's text and topics back as a new save (itself a revision), keeping the status. */
    @Transactional
    public Article restoreRevision(Long id, Long revisionId, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Revision revision = revisions.findByIdAndArticleId(revisionId, id).orElseThrow(() -> new ArticleNotFoundException(id));
        return update(id, new ArticleEdit(revision.title(), current.slug(), revision.summary(), revision.bodyMarkdown(),
                TopicService.parseNames(revision.topics()), null, current.version()), SaveAction.SAVE, actor);
    }

    /** Moves an article to the trash: it leaves the public site and every related list at once. */
    @Transactional
    public void trash(Long id, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        if (!actor.editsAllContent()) {
            throw new ForbiddenException(texts.get("article.forbidden.trash"));
        }
        Set<Long> before = related.neighboursOf(id);
        if (articles.moveToTrash(current.id(), clock.instant()) == 1) {
            audit.record(actor.username(), "trash", "article " + id + " " + current.slug(), current.title(), "");
            related.refreshAround(id, before);
            events.publishEvent(new ArticleChanged(id));
        }
    }

    /** Brings a trashed article back with the status it had (a published one is public again). */
    @Transactional
    public void restore(Long id, Actor actor) {
        if (!actor.editsAllContent()) {
            throw new ForbiddenException(texts.get("article.forbidden.restore"));
        }
        if (articles.restoreFromTrash(id, clock.instant()) == 1) {
            audit.record(actor.username(), "restore", "article " + id, "", "");
            related.refreshAround(id, Set.of());
            events.publishEvent(new ArticleChanged(id));
        }
    }

    /** Deletes a trashed article for good (its topic links, related entries and redirects go with it). */
    @Transactional
    public void purge(Long id, Actor actor) {
        if (!actor.editsAllContent()) {
            throw new ForbiddenException(texts.get("article.forbidden.purge"));
        }
        Optional<Article> doomed = articles.findById(id);
        if (articles.purge(id) == 1) {
            audit.record(actor.username(), "purge", "article " + id, doomed.map(Article::title).orElse(""), "");
            events.publishEvent(new ArticleChanged(id));
        }
    }

    @Transactional(readOnly = true)
    public List<ArticleRow> trashList(int limit) {
        return articles.listTrash(limit);
    }

    private Article changeStatus(Long id, ArticleStatus status) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        Set<Long> before = related.neighboursOf(id);
        Article saved = articles.update(new Article(id, current.slug(), current.title(), current.summary(),
                current.bodyMarkdown(), current.bodyHtml(), status, current.publishedAt(),
                current.createdAt(), clock.instant(), current.version()));
        related.refreshAround(id, before);
        events.publishEvent(new ArticleChanged(id));
        return saved;
    }

    /** Publishing with a future time schedules instead: the scheduler publishes it then. */
    private ArticleStatus publishStatus(ArticleEdit edit, Instant now) {
        Instant explicit = explicitInstant(edit);
        return explicit != null && explicit.isAfter(now) ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
    }

    private Map<String, String> validate(ArticleEdit edit, Article current) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(edit.title())) {
            errors.put("title", texts.get("article.title.empty"));
        } else if (edit.title().strip().length() > MAX_TITLE) {
            errors.put("title", texts.get("article.title.tooLong", MAX_TITLE));
        }
        if (!blank(edit.slug())) {
            String slug = edit.slug().strip();
            if (!Slugs.isValid(slug)) {
                errors.put("slug", texts.get("article.slug.invalid", Slugs.MAX_LENGTH));
            } else if ((current == null || !current.slug().equals(slug)) && articles.existsBySlug(slug)) {
                errors.put("slug", texts.get("article.slug.taken", slug));
            }
        }
        if (edit.summary() != null && edit.summary().strip().length() > MAX_SUMMARY) {
            errors.put("summary", texts.get("article.summary.tooLong", MAX_SUMMARY));
        }
        if (edit.bodyMarkdown() == null || edit.bodyMarkdown().length() > MAX_BODY) {
            errors.put("body", texts.get("article.body.tooLong", MAX_BODY));
        }
        if (edit.topicNames().size() > MAX_TOPICS) {
            errors.put("topics", texts.get("article.topics.tooMany", MAX_TOPICS));
        } else if (edit.topicNames().stream().anyMatch(n -> n.length() > TopicService.MAX_NAME_LENGTH)) {
            errors.put("topics", texts.get("article.topics.nameTooLong", TopicService.MAX_NAME_LENGTH));
        }
        if (edit.publishTime() != null) {
            Instant time = explicitInstant(edit);
            if (time.isBefore(EARLIEST_PUBLISH_TIME) || time.isAfter(LATEST_PUBLISH_TIME)) {
                errors.put("publishTime", texts.get("article.publishTime.range"));
            }
        }
        // A NUL cannot be stored (PostgreSQL refuses it): the first thing to fix in a field that has one.
        nul(errors, "title", edit.title());
        nul(errors, "slug", edit.slug());
        nul(errors, "summary", edit.summary());
        nul(errors, "body", edit.bodyMarkdown());
        edit.topicNames().forEach(name -> nul(errors, "topics", name));
        return errors;
    }

    private void nul(Map<String, String> errors, String field, String value) {
        if (StorableText.hasNul(value)) {
            errors.put(field, texts.get("article.nul"));
        }
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
        if (!blank(edit.summary())) {
            return edit.summary().strip();
        }
        String text = markdown.toPlainText(edit.bodyMarkdown());
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
