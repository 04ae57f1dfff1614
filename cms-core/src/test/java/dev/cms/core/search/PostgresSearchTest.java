package dev.cms.core.search;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The search index's queries on PostgreSQL, the production database: feeding, checking, catching up. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSearchTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleRepository repository;

    @Inject
    SearchService search;

    @Inject
    SearchIndex index;

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_search_test");
        return database.properties();
    }

    private List<String> titles(String query) {
        return search.search(query, 1).hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void publishedArticlesAreFoundUnpublishedLeaveAndOtherNodesChangesAreCaughtUp() {
        Article kept = articles.create(Articles.edit("java 安全管理器").body("权限检查").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Article withdrawn = articles.create(Articles.edit("安全公告").body("撤下").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("安全草稿").body("草稿").build(), SaveAction.SAVE, Actor.SYSTEM);
        index.awaitIdle(WAIT);
        assertEquals(Set.of("java 安全管理器", "安全公告"), Set.copyOf(titles("安全")));

        articles.unpublish(withdrawn.id(), Actor.SYSTEM);
        index.awaitIdle(WAIT);
        assertEquals(List.of("java 安全管理器"), titles("安"));

        repository.update(new Article(kept.id(), kept.slug(), "java 安全管理器详解", kept.summary(), kept.bodyMarkdown(),
                kept.bodyHtml(), kept.status(), kept.publishedAt(), kept.createdAt(), Instant.now(), null, null, null,
                kept.version()));
        index.catchUp();
        index.awaitIdle(WAIT);
        assertEquals(List.of("java 安全管理器详解"), titles("详解"));

        assertEquals(1, index.rebuild());
        assertEquals(List.of("java 安全管理器详解"), titles("安全"));
    }
}
