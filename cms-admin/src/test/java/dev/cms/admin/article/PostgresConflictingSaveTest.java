package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Conflicting saves over HTTP against PostgreSQL, where the version check is the production one. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresConflictingSaveTest extends ConflictingSaveTest {

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_admin_conflict");
        return AuthorNodeTestSupport.properties(database);
    }
}
