package dev.cms.core.article;

import dev.cms.core.content.Slugs;
import dev.cms.core.related.RelatedService;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    /**
     * The published article with this slug, its topics, its related list and its neighbours in its
     * first topic; empty for readers otherwise.
     */
    @Transactional(readOnly = true)
    public Optional<PublishedArticle> findPublished(String slug) {
        if (!Slugs.mayExist(slug)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return articles.findPublishedBySlug(slug, now).map(a -> {
            List<Topic> its = topics.topicsOf(a.id());
            if (its.isEmpty()) {
                return new PublishedArticle(a, its, related.publishedList(a.id()), null, null);
            }
            // The first topic: the one the breadcrumb shows, so "previous" walks the list it links to.
            Long topicId = its.get(0).id();
            return new PublishedArticle(a, its, related.publishedList(a.id()),
                    articles.findPublishedBeforeInTopic(topicId, a.publishedAt(), a.id(), now).orElse(null),
                    articles.findPublishedAfterInTopic(topicId, a.publishedAt(), a.id(), now).orElse(null));
        });
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
