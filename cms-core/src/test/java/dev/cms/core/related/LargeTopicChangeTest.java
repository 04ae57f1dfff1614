package dev.cms.core.related;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.PublishedArticleService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A topic change reaching more lists than {@code cms.related.sync-limit} (here 2, so a handful of
 * articles stand in for thousands) commits at once and leaves the lists to the backlog; drained,
 * they are what a recompute in the change itself would have given.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeTopicChangeTest implements TestPropertyProvider {

    @Inject
    ArticleEditService articles;

    @Inject
    PublishedArticleService publicArticles;

    @Inject
    TopicService topics;

    @Inject
    RelatedBacklog backlog;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("large-topic-change"));
        properties.put("cms.related.sync-limit", "2");
        properties.put("cms.related.backlog-interval", "1h");
        return properties;
    }

    @Test
    void aMergeReachingManyListsCommitsAtOnceAndTheBacklogBringsThemUpToDate() {
        Article a1 = publish("大主题甲一", "小主题", "2023-07-01T00:00:00");
        Article a2 = publish("大主题甲二", "小主题", "2023-07-02T00:00:00");
        Article b1 = publish("大主题乙一", "大主题", "2023-07-03T00:00:00");
        publish("大主题乙二", "大主题", "2023-07-04T00:00:00");
        assertEquals(0, backlog.waiting());

        topics.merge(topics.idOf("小主题").orElseThrow(), topics.idOf("大主题").orElseThrow());

        assertEquals(4, backlog.waiting(), "all four lists wait");
        assertEquals(List.of("大主题甲二"), titles(a1), "until drained, a list is what it was");
        backlog.drain("test", n -> { }, () -> false);
        assertEquals(0, backlog.waiting());
        assertEquals(List.of("大主题乙二", "大主题乙一", "大主题甲二"), titles(a1));
        assertEquals(List.of("大主题乙二", "大主题甲二", "大主题甲一"), titles(b1));
        assertEquals(List.of("大主题乙二", "大主题乙一", "大主题甲一"), titles(a2));
    }

    private Article publish(String title, String topic, String time) {
        return articles.create(Articles.edit(title).body("正文 " + title).topics(topic).publishTime(time).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private List<String> titles(Article article) {
        return publicArticles.findPublished(article.slug()).orElseThrow().related().stream().map(RelatedLink::title).toList();
    }
}
