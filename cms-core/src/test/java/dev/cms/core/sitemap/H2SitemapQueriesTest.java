package dev.cms.core.sitemap;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The sitemap queries on the embedded default, H2 in PostgreSQL mode. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SitemapQueriesTest extends SitemapQueriesContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("sitemap");
    }
}
