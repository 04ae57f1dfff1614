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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search over published articles, Chinese first: segmentation, partial words, ranking, safety, recovery. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleRepository repository;

    @Inject
    SearchService search;

    @Inject
    SearchIndex index;

    Article securityManager;
    Article bodyOnly;
    Article micronaut;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("search");
    }

    @BeforeAll
    void content() {
        securityManager = publish("java 安全管理器", "介绍 Java 平台的权限检查。");
        bodyOnly = publish("日常笔记", "今天讨论了安全。安全很重要,安全第一,注意安全,网络安全。");
        micronaut = publish("Micronaut 入门教程", "从零开始写一个服务。");
        articles.create(Articles.edit("安全草稿").body("还没写完的安全文章").build(), SaveAction.SAVE, Actor.SYSTEM);
        index.awaitIdle(WAIT);
    }

    private Article publish(String title, String body) {
        return articles.create(Articles.edit(title).body(body).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private List<String> titles(String query) {
        SearchResults results = search.search(query, 1);
        assertEquals(SearchResults.Outcome.SEARCHED, results.outcome(), "search of " + query);
        return results.hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void wordFindsTitleContainingIt() {
        assertTrue(titles("安全").contains("java 安全管理器"));
    }

    @Test
    void partOfWordAndSingleCharacterFindTitle() {
        assertTrue(titles("安").contains("java 安全管理器"));
        assertTrue(titles("管理").contains("java 安全管理器"));
        assertTrue(titles("全管").contains("java 安全管理器"), "a run of characters across smartcn's word boundary");
    }

    @Test
    void mixedChineseEnglishTitleIsFoundByEachWord() {
        for (String query : List.of("micronaut", "MICRONAUT", "Ｍｉｃｒｏｎａｕｔ", "入门", "教程", "micronaut 教程", "micro")) {
            assertTrue(titles(query).contains("Micronaut 入门教程"), query);
        }
    }

    @Test
    void everyWordOfQueryMustMatch() {
        assertFalse(titles("micronaut 安全").contains("Micronaut 入门教程"));
    }

    @Test
    void titleMatchRanksAboveBodyMention() {
        List<String> found = titles("安全");
        assertTrue(found.contains("日常笔记"), "the body mention is found too");
        assertTrue(found.indexOf("java 安全管理器") < found.indexOf("日常笔记"), found.toString());
    }

    @Test
    void draftIsNeverFound() {
        assertFalse(titles("草稿").contains("安全草稿"));
        assertFalse(titles("安全").contains("安全草稿"));
    }

    @Test
    void unpublishedArticleLeavesTheIndex() {
        Article article = publish("临时公告", "这条公告很快就会撤下。");
        index.awaitIdle(WAIT);
        assertEquals(List.of("临时公告"), titles("公告"));

        articles.unpublish(article.id(), Actor.SYSTEM);
        index.awaitIdle(WAIT);

        assertEquals(List.of(), titles("公告"));
        SearchIndexSearcher.Hits raw = index.searcher().search(new SearchQueries(index.analyzers()).build("公告").orElseThrow(),
                0, 10, Instant.now());
        assertEquals(0, raw.total(), "gone from the index itself, not only filtered out");
    }

    @Test
    void snippetMarksMatchesAndEscapesArticleText() {
        publish("脚本示例", "示例代码 `<script>alert(\"x\")</script>` 与 a & b 的 onerror 写法。");
        index.awaitIdle(WAIT);

        SearchHit hit = search.search("onerror", 1).hits().get(0);

        assertEquals("脚本示例", hit.titleHtml());
        assertTrue(hit.snippetHtml().contains("<mark>onerror</mark>"), hit.snippetHtml());
        assertTrue(hit.snippetHtml().contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), hit.snippetHtml());
        assertTrue(hit.snippetHtml().contains("a &amp; b"), hit.snippetHtml());
        assertFalse(hit.snippetHtml().replace("<mark>", "").replace("</mark>", "").contains("<"), hit.snippetHtml());
    }

    @Test
    void snippetOfLongBodyIsCutAroundTheMatch() {
        String filler = "这是一段很长的正文,用来把关键词推到文章的中间。".repeat(40);
        publish("长文示例", filler + "这里提到了冷门词汇帕斯卡。" + filler);
        index.awaitIdle(WAIT);

        String snippet = search.search("帕斯卡", 1).hits().get(0).snippetHtml();

        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.contains("<mark>帕斯卡</mark>"), snippet);
        assertTrue(snippet.length() < 300, snippet.length() + ": " + snippet);
    }

    @Test
    void titleAndBodyMatchesAreMarkedWhole() {
        SearchHit hit = search.search("安全", 1).hits().stream()
                .filter(h -> h.id().equals(securityManager.id())).findFirst().orElseThrow();
        assertEquals("java <mark>安全</mark>管理器", hit.titleHtml());

        SearchHit body = search.search("安全第一", 1).hits().get(0);
        assertTrue(body.snippetHtml().contains("<mark>安全第一</mark>"), body.snippetHtml());
    }

    @Test
    void querySyntaxIsOnlyText() {
        for (String query : List.of("安全 AND (", "title:java", "\"java", "*", "安全~2", "[a TO z]", "\\", "+-!")) {
            SearchResults results = search.search(query, 1);
            assertEquals(SearchResults.Outcome.SEARCHED, results.outcome(), query);
        }
        assertTrue(titles("java\"").contains("java 安全管理器"));
    }

    @Test
    void emptyQueryIsNoQuery() {
        assertEquals(SearchResults.Outcome.NO_QUERY, search.search("   ", 1).outcome());
        assertEquals(SearchResults.Outcome.NO_QUERY, search.search(null, 1).outcome());
    }

    @Test
    void unknownWordFindsNothing() {
        SearchResults results = search.search("不存在的词语", 1);
        assertTrue(results.nothingFound());
        assertEquals(0, results.total());
    }

    @Test
    void resultsComeTenToAPageAndPagesPastTheEndAreEmpty() {
        for (int i = 1; i <= 11; i++) {
            publish("分页样例第 " + i + " 篇", "内容 " + i);
        }
        index.awaitIdle(WAIT);

        SearchResults first = search.search("分页样例", 1);
        assertEquals(11, first.total());
        assertEquals(10, first.hits().size());
        assertEquals(2, first.totalPages());
        assertEquals(1, search.search("分页样例", 2).hits().size());
        assertEquals(first.hits(), search.search("分页样例", 1).hits(), "the same page twice is the same");

        for (long page : List.of(3L, 101L, 99_999_999_999L, Long.MAX_VALUE)) {
            SearchResults past = search.search("分页样例", page);
            assertTrue(past.beyondEnd(), "page " + page);
            assertEquals(11, past.total());
        }
    }

    @Test
    void changeMadeWithoutEventIsCaughtUp() {
        Article article = publish("旧的标题", "某节点上的文章");
        index.awaitIdle(WAIT);
        // As another node would: the row changes, this node hears nothing.
        repository.update(new Article(article.id(), article.slug(), "新的标题", article.summary(), article.bodyMarkdown(),
                article.bodyHtml(), article.status(), article.publishedAt(), article.createdAt(), Instant.now(),
                null, null, null, article.version()));

        assertEquals(List.of(), titles("旧的标题"), "stale index text is never shown");
        index.catchUp();
        index.awaitIdle(WAIT);

        assertEquals(List.of("新的标题"), titles("新的标题"));
    }

    @Test
    void indexIsRebuiltAfterItsFilesAreDeleted() throws IOException {
        deleteRecursively(index.path());

        SearchResults during = search.search("安全", 1);
        assertEquals(SearchResults.Outcome.UNAVAILABLE, during.outcome());
        index.awaitIdle(WAIT);

        assertTrue(titles("安全").contains("java 安全管理器"));
        assertTrue(Files.isDirectory(index.path()));
    }

    @Test
    void rebuildIndexesEveryPublishedArticle() {
        int indexed = index.rebuild();
        assertEquals(repository.findAll().stream().filter(a -> a.isPublishedAt(Instant.now())).count(), indexed);
        assertTrue(titles("安全").contains("java 安全管理器"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
