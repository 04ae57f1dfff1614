package dev.cms.admin.outage;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.CuttableProxy;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection on the author node: an editor saves while PostgreSQL is unreachable (cut by a
 * test proxy, refusing or silent). The save answers promptly with the form as typed and a clear
 * "the database is unavailable, nothing was lost" (status 503); once the database is back, the
 * same form saves. Run with the other fault-injection suites by {@code -Dgroups=fault-injection}.
 */
@Tag("fault-injection")
class EditorOutageTest {

    /** Socket timeout (5 s) plus connection timeout (2 s), the node's defaults, and some slack. */
    private static final Duration LONGEST_ANSWER = Duration.ofSeconds(8);
    private static final String TYPED = "停机时写了很久的正文,一个字也不能丢。\n\n## 第二段\n\n还有这些。";

    private TestDatabases.PostgresDatabase database;
    private CuttableProxy proxy;
    private EmbeddedServer node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.getApplicationContext().close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSaveWhileTheDatabaseRefusesConnectionsKeepsTheTextAndSavesOnceItIsBack() throws Exception {
        saveDuringOutage(CuttableProxy::refuse);
    }

    @Test
    void aSaveWhileTheDatabaseHostIsSilentKeepsTheTextAndSavesOnceItIsBack() throws Exception {
        saveDuringOutage(CuttableProxy::blackhole);
    }

    private void saveDuringOutage(Consumer<CuttableProxy> cut) throws Exception {
        database = TestDatabases.postgres("editor_outage");
        Map<String, String> properties = AuthorNodeTestSupport.properties(database);
        String url = properties.get("datasources.default.url");
        proxy = CuttableProxy.to("127.0.0.1", URI.create(url.substring(5)).getPort());
        Map<String, Object> nodeProperties = new HashMap<>(properties);
        nodeProperties.put("datasources.default.url", proxy.rewrite(url));
        nodeProperties.put("cms.search.catch-up-interval", "1h");
        node = ApplicationContext.run(EmbeddedServer.class, nodeProperties, Environment.TEST);
        node.getApplicationContext().getBean(UserService.class).create("ed", "编辑", "editor-password", Role.EDITOR);
        Article article = node.getApplicationContext().getBean(ArticleEditService.class).create(
                Articles.edit("停机时的文章").body("原来的正文").topics("停机").build(), SaveAction.SAVE, Actor.SYSTEM);
        Browser editor = Browser.signedIn(node.getURI(), "ed", "editor-password");
        Page form = editor.get("/admin/articles/" + article.id() + "/edit");
        Page blank = editor.get("/admin/articles/new");
        assertEquals(200, form.status());

        cut.accept(proxy);
        Page refused = timed(() -> editor.submit(form, "form.article-form",
                Map.of("title", "停机时改的标题", "body", TYPED, "action", "save")));
        Page refusedNew = timed(() -> editor.submit(blank, "form.article-form",
                Map.of("title", "停机时写的新文章", "body", TYPED, "action", "save")));

        for (Page page : List.of(refused, refusedNew)) {
            assertEquals(503, page.status(), page.body());
            assertEquals("10", page.header("Retry-After"));
            assertNotNull(page.document().selectFirst("[role=alert]"), page.body());
            assertTrue(page.text("[role=alert]").contains("数据库暂时不可用，内容未丢失"), page.text("[role=alert]"));
            assertEquals(TYPED, page.document().selectFirst("form.article-form textarea#body").wholeText(),
                    "nothing typed is lost");
        }
        assertEquals("停机时改的标题", refused.document().selectFirst("form.article-form input#title").val());
        assertEquals("/admin/articles/" + article.id(), refused.document().selectFirst("form.article-form").attr("action"),
                "the form still saves this article, not a new one");
        assertEquals(String.valueOf(article.version()),
                refused.document().selectFirst("form.article-form input[name=version]").val());
        assertEquals("/admin/articles", refusedNew.document().selectFirst("form.article-form").attr("action"));

        proxy.restore();
        // The editor saves the form again, as the 503 page invites, until the database answers.
        Page saved = await("the form saved once the database is back").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> editor.submit(refused, "form.article-form", Map.of("action", "save")), page -> page.status() != 503);
        assertEquals(303, saved.status(), saved.body());
        Article stored = node.getApplicationContext().getBean(ArticleAdminService.class).find(article.id()).orElseThrow();
        assertEquals("停机时改的标题", stored.title());
        assertEquals(TYPED, stored.bodyMarkdown());
        assertEquals(303, editor.submit(refusedNew, "form.article-form", Map.of("action", "save")).status());
    }

    private interface Request {
        Page send() throws Exception;
    }

    private static Page timed(Request request) throws Exception {
        long started = System.nanoTime();
        Page page = request.send();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < LONGEST_ANSWER.toMillis(), "answered in " + millis + " ms");
        return page;
    }
}
