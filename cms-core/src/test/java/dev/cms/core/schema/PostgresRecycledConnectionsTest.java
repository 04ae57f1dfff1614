package dev.cms.core.schema;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Recycled connections on PostgreSQL: the same writes, so both databases keep one schema. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRecycledConnectionsTest extends RecycledConnectionsContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.postgres("cms_recycled_test").properties();
    }
}
