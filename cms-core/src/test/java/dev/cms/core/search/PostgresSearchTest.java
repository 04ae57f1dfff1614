package dev.cms.core.search;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.article.ArticleService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.TestDatabases;
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
    ArticleService articles;

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
        Article kept = articles.create(new ArticleEdit("java 安全管理器", null, null, "权限检查", List.of(), null, null),
                SaveAction.PUBLISH);
        Article withdrawn = articles.create(new ArticleEdit("安全公告", null, null, "撤下", List.of(), null, null),
                SaveAction.PUBLISH);
        articles.create(new ArticleEdit("安全草稿", null, null, "草稿", List.of(), null, null), SaveAction.SAVE);
        index.awaitIdle(WAIT);
        assertEquals(Set.of("java 安全管理器", "安全公告"), Set.copyOf(titles("安全")));

        articles.unpublish(withdrawn.id());
        index.awaitIdle(WAIT);
        assertEquals(List.of("java 安全管理器"), titles("安"));

        repository.update(new Article(kept.id(), kept.slug(), "java 安全管理器详解", kept.summary(), kept.bodyMarkdown(),
                kept.bodyHtml(), kept.status(), kept.publishedAt(), kept.createdAt(), Instant.now(), kept.version()));
        index.catchUp();
        index.awaitIdle(WAIT);
        assertEquals(List.of("java 安全管理器详解"), titles("详解"));

        assertEquals(1, index.rebuild());
        assertEquals(List.of("java 安全管理器详解"), titles("安全"));
    }
}
