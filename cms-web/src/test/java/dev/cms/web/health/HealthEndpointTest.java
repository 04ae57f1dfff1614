package dev.cms.web.health;

import dev.cms.core.search.SearchIndex;
import dev.cms.core.testing.TestDatabases;
import dev.cms.db.MigrationCommand;
import dev.cms.web.health.NodeUnderTest.Answer;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /health as a load balancer sees it: 200 and UP while the database answers, its schema is
 * current and the search index is ready, 503 and DOWN otherwise; the status alone, never details, to anyone.
 */
class HealthEndpointTest {

    @Test
    void healthIsUpWithTheStatusAlone() {
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("health-up"))) {
            Answer health = node.get("/health");

            assertEquals(200, health.status(), health.body());
            assertEquals("{\"status\":\"UP\"}", health.body());
            assertEquals(404, node.get("/beans").status(), "other management endpoints stay off");
        }
    }

    @Test
    void managementPortServesHealthAndMetricsApartFromTheSite() throws IOException {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("health-port"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        properties.put("endpoints.all.port", String.valueOf(port));
        try (NodeUnderTest node = new NodeUnderTest(properties)) {
            assertEquals(404, node.get("/health").status(), "not on the site's port");
            assertEquals(404, node.get("/prometheus").status(), "not on the site's port");
            assertEquals(200, node.get("/").status());

            assertEquals(200, node.get(port, "/health").status());
            assertEquals(200, node.get(port, "/prometheus").status());
        }
    }

    @Test
    void healthIsDownWhileTheSearchIndexCannotBeOpenedAndUpOnceItIsRebuilt(@TempDir Path dataDir) throws IOException {
        Path indexPath = Files.createDirectories(dataDir.resolve("search-index"));
        IndexWriter squatter = new IndexWriter(FSDirectory.open(indexPath), new IndexWriterConfig());
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("health-search"), dataDir)) {
            Answer health = node.get("/health");

            assertEquals(503, health.status(), health.body());
            assertEquals("{\"status\":\"DOWN\"}", health.body());
            HealthResult search = Mono.from(node.context().getBean(SearchHealthIndicator.class).getResult()).block();
            assertEquals(HealthStatus.DOWN, search.getStatus());
            assertEquals("{state=unavailable}", String.valueOf(search.getDetails()));

            squatter.close();
            assertEquals(503, node.get("/search?q=x").status(), "the search that finds the index missing starts its recovery");
            node.context().getBean(SearchIndex.class).awaitIdle(Duration.ofSeconds(30));

            Answer recovered = node.get("/health");
            assertEquals(200, recovered.status(), recovered.body());
        } finally {
            squatter.close();
        }
    }

    @Test
    void healthIsDownWhenTheDatabaseCannotBeReached() throws SQLException {
        Map<String, String> database = new HashMap<>(TestDatabases.h2("health-gone"));
        String url = database.get("datasources.default.url");
        // The node may open the database but never create it, so once it is shut down it is gone.
        try (Connection creator = DriverManager.getConnection(url, "sa", "")) {
            database.put("datasources.default.url", url + ";IFEXISTS=TRUE");
            database.put("datasources.default.connection-timeout", "500");
            try (NodeUnderTest node = new NodeUnderTest(database)) {
                assertEquals(200, node.get("/health").status());

                try (Statement statement = creator.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
                Answer health = node.get("/health");

                assertEquals(503, health.status(), health.body());
                assertEquals("{\"status\":\"DOWN\"}", health.body());
            }
        }
    }

    @Test
    void healthIsDownWhileTheDatabaseAnswersReadsButRefusesWrites() throws SQLException {
        Map<String, String> database = TestDatabases.h2("health-read-only");
        try (NodeUnderTest node = new NodeUnderTest(database);
             Connection operator = DriverManager.getConnection(database.get("datasources.default.url"), "sa", "");
             Statement statement = operator.createStatement()) {
            assertEquals(200, node.get("/health").status());

            // As H2 2.4.240 did with every CHECK constraint: reads answer, every write is refused.
            statement.execute("ALTER TABLE write_probe ADD CONSTRAINT ck_refuse_all CHECK (probe <> 'health')");
            Answer refusing = node.get("/health");
            assertEquals(503, refusing.status(), refusing.body());
            assertEquals("{\"status\":\"DOWN\"}", refusing.body());
            assertEquals(200, node.get("/").status(), "public pages still read");
            HealthResult writes = Mono.from(node.context().getBean(WritesHealthIndicator.class).getResult()).block();
            assertEquals(HealthStatus.DOWN, writes.getStatus());
            assertTrue(String.valueOf(writes.getDetails()).contains("ck_refuse_all"), String.valueOf(writes.getDetails()));

            statement.execute("ALTER TABLE write_probe DROP CONSTRAINT ck_refuse_all");
            assertEquals(200, node.get("/health").status());
        }
    }

    @Test
    void healthIsDownWhileTheSchemaHasAFailedMigration(@TempDir Path folder) throws IOException {
        Map<String, String> database = TestDatabases.h2("health-failed");
        try (NodeUnderTest node = new NodeUnderTest(database)) {
            assertEquals(200, node.get("/health").status());
            // A newer build's migrate fails half way on the same database (H2 records the failure).
            Files.writeString(folder.resolve("V999__broken.sql"), "CREATE TABLE half_done (id INTEGER);\nNOT SQL;\n");
            StringWriter output = new StringWriter();
            int status = new MigrationCommand(Map.of(), List.of("filesystem:" + folder),
                    new PrintWriter(output, true), new PrintWriter(output, true))
                    .execute("migrate", "--url", database.get("datasources.default.url"), "--user", "sa");
            assertEquals(1, status, output::toString);

            Answer health = node.get("/health");

            assertEquals(503, health.status(), health.body());
            assertEquals("{\"status\":\"DOWN\"}", health.body());
            HealthResult schema = Mono.from(node.context().getBean(SchemaHealthIndicator.class).getResult()).block();
            assertEquals(HealthStatus.DOWN, schema.getStatus());
            assertTrue(String.valueOf(schema.getDetails()).contains("migration 999 (broken) failed"),
                    String.valueOf(schema.getDetails()));
        }
    }
}
