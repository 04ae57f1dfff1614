package dev.cms.core.article;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The store contract on the embedded default, H2 in PostgreSQL mode. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ArticleStoreTest extends ArticleStoreContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestDatabases.h2("store"));
        // Waiting related lists are drained by the tests themselves, not by this node in the background.
        properties.put("cms.related.backlog-interval", "1h");
        return properties;
    }
}
