package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The setup race again, against PostgreSQL, where the nodes of a real site share the database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSetupRaceTest extends SetupRaceTest {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties(TestDatabases.postgres("cms_admin_setup_race"));
    }
}
