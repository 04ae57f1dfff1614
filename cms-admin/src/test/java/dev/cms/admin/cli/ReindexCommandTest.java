package dev.cms.admin.cli;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.search.SearchIndex;
import dev.cms.core.search.SearchResults;
import dev.cms.core.search.SearchService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reindex} while a node is running: the node holds its index, so the command asks every
 * node through the database and the running node rebuilds at its next catch-up.
 */
class ReindexCommandTest {

    @Test
    void aRunningNodeRebuildsItsIndexWhenTheCommandAsksThroughTheDatabase() throws SQLException {
        Map<String, String> properties = AuthorNodeTestSupport.properties("reindex-online");
        try (ApplicationContext node = ApplicationContext.run(new HashMap<>(properties), Environment.TEST)) {
            SearchIndex index = node.getBean(SearchIndex.class);
            SearchService search = node.getBean(SearchService.class);
            index.awaitIdle(Duration.ofSeconds(30));
            // An article that reached the database behind the index's back, changed long before its
            // last catch-up (say, restored from a backup): catch-ups alone never see it.
            insertPublishedArticle(properties.get("datasources.default.url"), "reindex-online", "被索引遗漏的文章");
            index.catchUp();
            index.awaitIdle(Duration.ofSeconds(30));
            assertEquals(0, search.search("遗漏", 1).total(), "precondition: the index misses it");

            Map<String, Object> command = new HashMap<>(properties);
            command.put("cms.search.enabled", "false");
            command.put("cms.scheduler.enabled", "false");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try (ApplicationContext commandContext = ApplicationContext.run(command, Environment.TEST)) {
                status = new AdminCommandLine(() -> commandContext, new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(out, true), new PrintWriter(err, true)).execute("reindex");
            }

            assertEquals(0, status, err::toString);
            assertTrue(out.toString().contains("is in use by a running node"), out::toString);
            assertTrue(out.toString().contains("Asked every running node to rebuild its index (reindex generation 1)"),
                    out::toString);

            index.catchUp();
            index.awaitIdle(Duration.ofSeconds(30));
            SearchResults found = search.search("遗漏", 1);
            assertEquals(1, found.total());
            assertEquals("被索引遗漏的文章", found.hits().get(0).title());
            assertTrue(index.isReady());
        }
    }

    private static void insertPublishedArticle(String url, String slug, String title) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO article (slug, title, summary, body_markdown, body_html, status, published_at,
                                          created_at, updated_at, version)
                     VALUES (?, ?, '', '正文', '<p>正文</p>', 'PUBLISHED', TIMESTAMP WITH TIME ZONE '2001-01-01 00:00:00+00',
                             TIMESTAMP WITH TIME ZONE '2001-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2001-01-01 00:00:00+00', 0)""")) {
            insert.setString(1, slug);
            insert.setString(2, title);
            insert.executeUpdate();
        }
    }
}
