package dev.cms.core.article;

import dev.cms.core.content.ContentFacts;
import dev.cms.core.content.ContentVersionRepository;
import dev.cms.core.content.Slugs;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public lists: newest first, numbered pages, never a body loaded. A page is read along the
 * index (status, published_at, id) and stops at its last row; its list's length comes from
 * {@link ContentFacts} (counted once per change to the content, not once per request), so a page
 * costs the same on a site of 1,000 articles as on one of 100,000.
 */
@Singleton
public class ArticleListService {

    /** Beyond this, a page number is not a page of any real site: answered as not found. */
    public static final int MAX_PAGE = 100_000;

    private final ArticleRepository articles;
    private final TopicRepository topics;
    private final Clock clock;
    private final ContentFacts facts;
    private final ContentVersionRepository versions;

    public ArticleListService(ArticleRepository articles, TopicRepository topics, Clock clock, ContentFacts facts,
                              ContentVersionRepository versions) {
        this.articles = articles;
        this.versions = versions;
        this.topics = topics;
        this.clock = clock;
        this.facts = facts;
    }

    @Transactional(readOnly = true)
    public SummaryPage newest(int page, int size) {
        Instant now = clock.instant();
        long offset = offset(page, size);
        long total = facts.get(ContentFacts.PUBLISHED_ARTICLES, now, () -> articles.countPublished(now));
        List<ArticleSummary> items = offset == 0
                ? articles.findPublishedSummaries(now, size)
                : offset >= total ? List.of() : articles.findPublishedSummaries(now, size, offset);
        return new SummaryPage(items, page, size, total);
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
        long offset = offset(page, size);
        long total = facts.get(new ListKey("topic", topic.id(), 0), now,
                () -> articles.countPublishedInTopic(topic.id(), now));
        List<ArticleSummary> items = offset >= total ? List.of()
                : articles.findPublishedSummariesInTopic(topic.id(), now, size, offset);
        return new SummaryPage(items, page, size, total);
    }

    /** A calendar month in the site's time zone. */
    @Transactional(readOnly = true)
    public SummaryPage inMonth(YearMonth month, ZoneId zone, int page, int size) {
        Instant now = clock.instant();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        long offset = offset(page, size);
        long total = facts.get(new ListKey("month", from.getEpochSecond(), to.getEpochSecond()), now,
                () -> articles.countPublishedBetween(from, to, now));
        List<ArticleSummary> items = offset >= total ? List.of()
                : articles.findPublishedSummariesBetween(from, to, now, size, offset);
        return new SummaryPage(items, page, size, total);
    }

    /**
     * The calendar months (in {@code zone}) that have a published article, newest first: every
     * month from the oldest publication to the newest asked for its length, which
     * {@link #inMonth} remembers too, so a site of twenty years costs 240 counts once per change.
     */
    @Transactional(readOnly = true)
    public List<YearMonth> publishedMonths(ZoneId zone) {
        Instant now = clock.instant();
        Optional<Instant> first = articles.findFirstPublicationUpTo(now);
        Optional<Instant> last = versions.findLastPublicationUpTo(now);
        if (first.isEmpty() || last.isEmpty()) {
            return List.of();
        }
        YearMonth oldest = YearMonth.from(first.get().atZone(zone));
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(last.get().atZone(zone)); !month.isBefore(oldest);
                month = month.minusMonths(1)) {
            if (inMonth(month, zone, 1, 1).total() > 0) {
                months.add(month);
            }
        }
        return months;
    }

    /** Which list a remembered length belongs to. */
    private record ListKey(String kind, long a, long b) {
    }

    private static long offset(int page, int size) {
        if (page < 1 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page out of range: " + page);
        }
        return (long) (page - 1) * size;
    }
}
