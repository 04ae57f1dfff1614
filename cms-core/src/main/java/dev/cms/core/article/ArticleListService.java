package dev.cms.core.article;

import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The public lists: newest first, numbered pages, never a body loaded. Two indexed queries each
 * (the page and its count).
 */
@Singleton
public class ArticleListService {

    /** Beyond this, a page number is not a page of any real site: answered as not found. */
    public static final int MAX_PAGE = 100_000;

    private final ArticleRepository articles;
    private final TopicRepository topics;
    private final Clock clock;

    public ArticleListService(ArticleRepository articles, TopicRepository topics, Clock clock) {
        this.articles = articles;
        this.topics = topics;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SummaryPage newest(int page, int size) {
        Instant now = clock.instant();
        long offset = offset(page, size);
        return new SummaryPage(articles.findPublishedSummaries(now, size, offset), page, size, articles.countPublished(now));
    }

    /** The newest published articles, no page count: the suggestions on the not-found page. */
    @Transactional(readOnly = true)
    public List<ArticleSummary> newest(int limit) {
        return articles.findPublishedSummaries(clock.instant(), limit);
    }

    @Transactional(readOnly = true)
    public Optional<Topic> topic(String slug) {
        return Slugs.mayExist(slug) ? topics.findBySlug(slug) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public SummaryPage inTopic(Topic topic, int page, int size) {
        Instant now = clock.instant();
        return new SummaryPage(articles.findPublishedSummariesInTopic(topic.id(), now, size, offset(page, size)),
                page, size, articles.countPublishedInTopic(topic.id(), now));
    }

    /** A calendar month in the site's time zone. */
    @Transactional(readOnly = true)
    public SummaryPage inMonth(YearMonth month, ZoneId zone, int page, int size) {
        Instant now = clock.instant();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<ArticleSummary> items = articles.findPublishedSummariesBetween(from, to, now, size, offset(page, size));
        return new SummaryPage(items, page, size, articles.countPublishedBetween(from, to, now));
    }

    private static long offset(int page, int size) {
        if (page < 1 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page out of range: " + page);
        }
        return (long) (page - 1) * size;
    }
}
