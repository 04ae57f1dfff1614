package dev.cms.core.article;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.content.ArticleChanged;
import dev.cms.core.related.RelatedService;
import dev.cms.core.user.Actor;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trash: an article moved there leaves the public site and every related list at once, and
 * comes back with the status it had; only there can it be deleted for good. Editors and admins only.
 */
@Singleton
public class ArticleTrashService {

    private final ArticleRepository articles;
    private final ArticleAccess access;
    private final RelatedService related;
    private final AuditLog audit;
    private final ApplicationEventPublisher<ArticleChanged> events;
    private final Clock clock;

    public ArticleTrashService(ArticleRepository articles, ArticleAccess access, RelatedService related, AuditLog audit,
                               ApplicationEventPublisher<ArticleChanged> events, Clock clock) {
        this.articles = articles;
        this.access = access;
        this.related = related;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Moves an article to the trash: it leaves the public site and every related list at once. */
    @Transactional
    public void trash(Long id, Actor actor) {
        Article current = articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
        access.requireMayTrash(actor);
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
        access.requireMayRestore(actor);
        if (articles.restoreFromTrash(id, clock.instant()) == 1) {
            audit.record(actor.username(), "restore", "article " + id, "", "");
            related.refreshAround(id, Set.of());
            events.publishEvent(new ArticleChanged(id));
        }
    }

    /** Deletes a trashed article for good (its topic links, related entries and redirects go with it). */
    @Transactional
    public void purge(Long id, Actor actor) {
        access.requireMayPurge(actor);
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
}
