package dev.cms.web.cache;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.content.ContentNotifications;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.site.Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL database that would read the change log only once an hour: a publish,
 * a title edit and an unpublish on one evict the other's pages that show them within a fraction of
 * a second, because the commit notifies every listening node (LISTEN/NOTIFY) instead of waiting
 * for the next check, and the next reader there sees the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChangePushTest {

    /** Well under a second, with room for a busy 2-core machine; the poll would take an hour. */
    private static final Duration PUSHED = Duration.ofMillis(500);
    private TestDatabases.PostgresDatabase postgres;
    private CachingNode author;
    private CachingNode reader;

    @BeforeAll
    void start() {
        postgres = TestDatabases.postgres("change_push");
        Map<String, String> database = postgres.properties();
        author = new CachingNode(database, Map.of("cms.page-cache.version-check-interval", "1h"));
        reader = new CachingNode(database, Map.of("cms.page-cache.version-check-interval", "1h"));
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.bean(ContentNotifications.class).listening());
    }

    @AfterAll
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (author != null) {
            author.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private boolean held(String path) {
        return reader.bean(PageCache.class).holds(reader.bean(Messages.class).languageTag() + " "
                + URI.create(path).toASCIIString());
    }

    private void cache(String path) {
        reader.get(path);
        assertTrue(held(path), path);
    }

    private boolean homeLists(String title) {
        return reader.get("/").document().select("a").eachText().contains(title);
    }

    private void awaitEvicted(String path) {
        await().atMost(PUSHED).pollInterval(Duration.ofMillis(5)).until(() -> !held(path));
    }

    @Test
    void aPublishATitleEditAndAnUnpublishReachTheOtherNodeWithinASecond() {
        ArticleEditService articles = author.bean(ArticleEditService.class);
        String title = "推送 " + UUID.randomUUID().toString().substring(0, 8);
        cache("/");

        Article article = articles.create(Articles.edit(title).build(), SaveAction.PUBLISH, Actor.SYSTEM);
        awaitEvicted("/");
        assertTrue(homeLists(title));

        String path = "/articles/" + article.slug();
        cache(path);
        cache("/");
        articles.update(article.id(), Articles.editOf(article).title("推送后的标题").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        awaitEvicted(path);
        awaitEvicted("/");
        assertEquals("推送后的标题", reader.get(path).document().selectFirst("h1").text());
        assertTrue(homeLists("推送后的标题"));

        cache(path);
        articles.unpublish(article.id(), Actor.SYSTEM);
        awaitEvicted(path);
        assertEquals(404, reader.get(path).status());
    }
}
