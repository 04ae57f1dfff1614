package dev.cms.core.sitemap;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the sitemap queries must return on every supported database: run by
 * {@link H2SitemapQueriesTest} and {@link PostgresSitemapQueriesTest}, each on a database of its own
 * holding only the content made here.
 */
abstract class SitemapQueriesContract {

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    SitemapRepository sitemapRepository;

    Article oldest;
    Article middle;
    Article newest;
    Article draft;
    Article unpublished;

    @BeforeAll
    void content() {
        oldest = publish("最早的文章", List.of("甲"), "2024-05-01T08:00:00");
        middle = publish("中间的文章", List.of("甲", "乙"), "2024-05-28T02:54:57");
        newest = publish("最新的文章", List.of("乙"), "2024-06-01T09:30:00");
        draft = articles.create(Articles.edit("草稿").topics("草稿主题", "甲").build(), SaveAction.SAVE, Actor.SYSTEM);
        unpublished = articles.unpublish(publish("撤下的文章", List.of("甲"), "2024-06-02T10:00:00").id(), Actor.SYSTEM);
    }

    /** Publishes an article and reads it back, with its times as the database keeps them. */
    private Article publish(String title, List<String> topics, String publishTime) {
        Article created = articles.create(Articles.edit(title).summary("摘要:" + title).body("正文 " + title).topics(topics)
                .publishTime(publishTime).build(), SaveAction.PUBLISH, Actor.SYSTEM);
        return adminArticles.find(created.id()).orElseThrow();
    }

    private static List<String> slugs(SitemapCursor cursor) {
        List<String> slugs = new ArrayList<>();
        for (List<SitemapEntry> batch = cursor.next(); !batch.isEmpty(); batch = cursor.next()) {
            batch.forEach(e -> slugs.add(e.slug()));
        }
        return slugs;
    }

    private Sitemap sitemap(int pageSize, int batchSize) {
        return new Sitemap(sitemapRepository, Instant.now(), pageSize, batchSize);
    }

    @Test
    void smallSitemapFitsOnOnePageWithTopicsDatedByNewestArticle() {
        Sitemap sitemap = sitemap(50_000, 1000);
        assertFalse(sitemap.needsIndex());
        assertEquals(newest.publishedAt(), sitemap.homeLastModified().orElseThrow());

        List<SitemapEntry> topics = sitemap.topics(SitemapRange.all()).next();
        assertEquals(List.of("甲", "乙"), topics.stream().map(SitemapEntry::slug).toList());
        assertEquals(middle.publishedAt(), topics.get(0).lastModified());
        assertEquals(newest.publishedAt(), topics.get(1).lastModified());

        List<SitemapEntry> listed = sitemap.articles(SitemapRange.all()).next();
        assertEquals(List.of(oldest.slug(), middle.slug(), newest.slug()), listed.stream().map(SitemapEntry::slug).toList());
        assertEquals(middle.updatedAt(), listed.get(1).lastModified());
    }

    @Test
    void cursorReadsEveryUrlOnceAcrossBatches() {
        assertEquals(List.of(oldest.slug(), middle.slug(), newest.slug()),
                slugs(sitemap(50_000, 1).articles(SitemapRange.all())));
        assertEquals(List.of("甲", "乙"), slugs(sitemap(50_000, 1).topics(SitemapRange.all())));
    }

    @Test
    void cursorTellsAnEmptyPageWithoutLosingTheFirstBatch() {
        Sitemap sitemap = sitemap(2, 1);
        assertTrue(sitemap.articles(sitemap.page(1_000_000)).isEmpty());
        SitemapCursor all = sitemap.articles(SitemapRange.all());
        assertFalse(all.isEmpty());
        assertEquals(List.of(oldest.slug(), middle.slug(), newest.slug()), slugs(all));
    }

    @Test
    void indexPagesTogetherHoldEveryUrlOnceAndNoPageHoldsMoreThanPageSize() {
        int pageSize = 2;
        Sitemap sitemap = sitemap(pageSize, 1);
        assertTrue(sitemap.needsIndex());

        List<String> articleSlugs = new ArrayList<>();
        for (SitemapPage page : sitemap.articlePages()) {
            List<String> onPage = slugs(sitemap.articles(sitemap.page(page.number())));
            assertFalse(onPage.isEmpty(), "listed page " + page.number() + " is empty");
            assertTrue(onPage.size() <= pageSize);
            articleSlugs.addAll(onPage);
        }
        assertEquals(List.of(oldest.slug(), middle.slug(), newest.slug()), articleSlugs);

        List<SitemapPage> topicPages = sitemap.topicPages();
        assertEquals(1L, topicPages.get(0).number());
        List<String> topicSlugs = new ArrayList<>();
        for (SitemapPage page : topicPages) {
            SitemapRange range = sitemap.page(page.number());
            List<String> onPage = slugs(sitemap.topics(range));
            assertTrue(onPage.size() + (range.hasHome() ? 1 : 0) <= pageSize);
            topicSlugs.addAll(onPage);
        }
        assertEquals(List.of("甲", "乙"), topicSlugs);
        assertEquals(topicSlugs.size(), new HashSet<>(topicSlugs).size());
    }

    @Test
    void indexPagesAreDatedByTheirNewestChange() {
        Sitemap sitemap = sitemap(2, 1000);
        Set<Instant> articleDates = new HashSet<>();
        sitemap.articlePages().forEach(p -> articleDates.add(p.lastModified()));
        assertTrue(articleDates.contains(newest.updatedAt()));
        // Page 1 has the home page, which changed when the newest article was published.
        assertEquals(newest.publishedAt(), sitemap.topicPages().get(0).lastModified());
    }
}
