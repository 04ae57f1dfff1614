package dev.cms.core.media;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** Media on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMediaStoreTest extends MediaStoreContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_media_test");
        Map<String, String> props = new HashMap<>(database.properties());
        props.putAll(mediaProperties());
        return props;
    }
}
