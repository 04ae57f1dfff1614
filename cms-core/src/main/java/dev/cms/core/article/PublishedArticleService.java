package dev.cms.core.article;

import dev.cms.core.related.RelatedService;
import dev.cms.core.topic.TopicService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The one article page of the public site: only what is published now, with its topics and related
 * list. The public lists are {@link ArticleListService}'s.
 */
@Singleton
public class PublishedArticleService {

    private final ArticleRepository articles;
    private final TopicService topics;
    private final RelatedService related;
    private final SlugRedirectRepository redirects;
    private final Clock clock;

    public PublishedArticleService(ArticleRepository articles, TopicService topics, RelatedService related,
                                   SlugRedirectRepository redirects, Clock clock) {
        this.articles = articles;
        this.topics = topics;
        this.related = related;
        this.redirects = redirects;
        this.clock = clock;
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
}
