package dev.cms.core.feed;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The feed queries on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFeedQueriesTest extends FeedQueriesContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_feed_test");
        return database.properties();
    }
}
