package dev.cms.core.article;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The store contract on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresArticleStoreTest extends ArticleStoreContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_core_test");
        Map<String, String> properties = new java.util.HashMap<>(database.properties());
        // Waiting related lists are drained by the tests themselves, not by this node in the background.
        properties.put("cms.related.backlog-interval", "1h");
        return properties;
    }
}
