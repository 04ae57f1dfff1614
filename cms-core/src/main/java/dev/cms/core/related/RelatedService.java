package dev.cms.core.related;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.site.SiteSettings;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the stored 相关内容 lists true: when an article is published, unpublished or its topics
 * change, its own list and the lists of every article it enters or leaves are recomputed.
 */
@Singleton
public class RelatedService {

    private final RelatedRepository related;
    private final ArticleRepository articles;
    private final SiteSettings site;
    private final Clock clock;

    public RelatedService(RelatedRepository related, ArticleRepository articles, SiteSettings site, Clock clock) {
        this.related = related;
        this.articles = articles;
        this.site = site;
        this.clock = clock;
    }

    /** The neighbours before a change, so lists the article leaves get recomputed too. */
    @Transactional
    public Set<Long> neighboursOf(Long articleId) {
        Set<Long> ids = new LinkedHashSet<>(related.findNeighbourIds(articleId));
        ids.addAll(related.findListingIds(articleId));
        return ids;
    }

    /** Recomputes the article's list and the lists of its old and new neighbours. */
    @Transactional
    public void refreshAround(Long articleId, Collection<Long> previousNeighbours) {
        Set<Long> affected = new LinkedHashSet<>(previousNeighbours);
        affected.addAll(neighboursOf(articleId));
        affected.add(articleId);
        Instant now = clock.instant();
        for (Long id : affected) {
            refreshList(id, now);
        }
    }

    @Transactional
    public List<RelatedLink> publishedList(Long articleId) {
        return related.findPublishedList(articleId, clock.instant());
    }

    private void refreshList(Long articleId, Instant now) {
        related.deleteList(articleId);
        boolean published = articles.findById(articleId).map(a -> a.isPublishedAt(now)).orElse(false);
        if (published) {
            related.insertList(articleId, now, site.relatedLimit());
        }
    }
}
