package dev.cms.core.feed;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the feed queries must return on every supported database: run by
 * {@link H2FeedQueriesTest} and {@link PostgresFeedQueriesTest}, each on a database of its own
 * holding only the content made here.
 */
abstract class FeedQueriesContract {

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    FeedService feeds;

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

    private static List<Long> ids(List<FeedEntry> entries) {
        return entries.stream().map(FeedEntry::id).toList();
    }

    @Test
    void siteFeedHasPublishedArticlesNewestFirst() {
        assertEquals(List.of(newest.id(), middle.id(), oldest.id()), ids(feeds.newest()));
        FeedEntry entry = feeds.newest().get(1);
        assertEquals("摘要:中间的文章", entry.summary());
        assertEquals(Instant.parse("2024-05-27T18:54:57Z"), entry.publishedAt());
    }

    @Test
    void topicFeedHasOnlyThatTopicsPublishedArticles() {
        assertEquals(List.of(middle.id(), oldest.id()), ids(feeds.topic("甲").orElseThrow().entries()));
        assertEquals(List.of(newest.id(), middle.id()), ids(feeds.topic("乙").orElseThrow().entries()));
        assertEquals("乙", feeds.topic("乙").orElseThrow().topic().name());
    }

    @Test
    void topicWithoutPublishedArticlesHasNoFeed() {
        assertTrue(feeds.topic("草稿主题").isEmpty());
        assertTrue(feeds.topic("no-such-topic").isEmpty());
    }
}
