package dev.cms.core.article;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.site.Texts;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Pending changes of published articles: 保存 (and an author's 提交审核) on a published article keeps
 * the live version and stores the edit here instead; {@link ArticleEditService#update} with
 * 发布 (the 更新 button) makes it live through the ordinary publish path and drops it; 放弃修改 drops
 * it. Every store and drop raises the article's version, so a form opened before it is a conflict
 * with both versions shown, as for any other save.
 */
@Singleton
public class PendingChangeService {

    private final PendingChangeRepository pending;
    private final ArticleRepository articles;
    private final ArticleAccess access;
    private final ArticleValidator validator;
    private final MarkdownRenderer markdown;
    private final MediaService media;
    private final AuditLog audit;
    private final Texts texts;
    private final Clock clock;

    public PendingChangeService(PendingChangeRepository pending, ArticleRepository articles, ArticleAccess access,
                                ArticleValidator validator, MarkdownRenderer markdown, MediaService media,
                                AuditLog audit, Texts texts, Clock clock) {
        this.pending = pending;
        this.articles = articles;
        this.access = access;
        this.validator = validator;
        this.markdown = markdown;
        this.media = media;
        this.audit = audit;
        this.texts = texts;
        this.clock = clock;
    }

    /** The pending change of an article, if it has one. */
    @Transactional(readOnly = true)
    public Optional<PendingChange> find(Long articleId) {
        return pending.findById(articleId);
    }

    /**
     * Stores the edit as the pending change of the published article {@code current}, replacing the
     * one before; the live row is left as it is, but for its version. Authors may do this on their
     * own published articles (they never make a change live).
     */
    @Transactional
    public Article store(Article current, ArticleEdit edit, boolean submit, Actor actor) {
        requireMayChange(current, actor);
        if (edit.version() == null || !edit.version().equals(current.version())) {
            throw new EditConflictException(withPending(current));
        }
        validator.check(edit, current, null);
        if (articles.raiseVersion(current.id(), current.version()) == 0) {
            throw new EditConflictException(withPending(articles.findById(current.id()).orElse(current)));
        }
        Media image = validator.featuredImage(edit).orElse(null);
        PendingChange change = new PendingChange(current.id(), edit.title().strip(), edit.slug(), edit.summary(),
                edit.bodyMarkdown(), String.join("\n", edit.topicNames()), image == null ? null : image.path(),
                current.version(), submit, actor.username(), clock.instant());
        if (pending.existsById(current.id())) {
            pending.update(change);
        } else {
            pending.save(change);
        }
        audit.record(actor.username(), submit ? "submit-pending" : "save-pending",
                "article " + current.id() + " " + current.slug(), change.title(), "");
        return articles.findById(current.id()).orElseThrow(() -> new ArticleNotFoundException(current.id()));
    }

    /** 放弃修改: drops the pending change; the edit form shows the live version again. */
    @Transactional
    public Article discard(Long articleId, Actor actor) {
        Article current = articles.findById(articleId).orElseThrow(() -> new ArticleNotFoundException(articleId));
        requireMayChange(current, actor);
        Optional<PendingChange> change = pending.findById(articleId);
        if (change.isEmpty()) {
            return current;
        }
        pending.deleteById(articleId);
        articles.raiseVersion(articleId, current.version());
        audit.record(actor.username(), "discard-pending", "article " + articleId + " " + current.slug(),
                change.get().title(), "");
        return articles.findById(articleId).orElse(current);
    }

    /** Called by the publish path: what was pending is live now. */
    void published(Long articleId) {
        if (pending.existsById(articleId)) {
            pending.deleteById(articleId);
        }
    }

    /**
     * The article as it will read once its pending change is live (itself when it has none): what
     * the edit form and both previews show. Topics are not part of {@link Article}: see
     * {@link #topicNames(PendingChange)}.
     */
    @Transactional(readOnly = true)
    public Article withPending(Article live) {
        return pending.findById(live.id()).map(change -> overlay(live, change)).orElse(live);
    }

    private Article overlay(Article live, PendingChange change) {
        Optional<Media> image = Optional.ofNullable(change.featuredImagePath()).flatMap(media::findByPath);
        String summary = change.summary() == null || change.summary().isBlank()
                ? ArticleEditService.summaryOf(change.bodyMarkdown(), markdown) : change.summary().strip();
        String slug = change.slug() == null || change.slug().isBlank() ? live.slug() : change.slug().strip();
        return new Article(live.id(), slug, change.title(), summary, change.bodyMarkdown(),
                markdown.toSafeHtml(change.bodyMarkdown()), live.status(), live.publishedAt(), live.createdAt(),
                change.savedAt(), image.map(Media::path).orElse(null), image.map(Media::width).orElse(null),
                image.map(Media::height).orElse(null), live.version());
    }

    /** The topics the pending change gives the article. */
    public static List<String> topicNames(PendingChange change) {
        return TopicService.parseNames(change.topics());
    }

    private void requireMayChange(Article article, Actor actor) {
        access.requireMayOpen(article, actor);
        if (article.status() == ArticleStatus.TRASHED) {
            throw new ForbiddenException(texts.get("article.forbidden.trashed"));
        }
    }
}
