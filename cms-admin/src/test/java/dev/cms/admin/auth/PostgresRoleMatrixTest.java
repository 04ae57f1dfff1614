package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The whole role matrix again, over HTTP, against PostgreSQL, the production database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRoleMatrixTest extends RoleMatrixTest {

    @Override
    public Map<String, String> getProperties() {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_admin_roles");
        return AuthorNodeTestSupport.properties(database);
    }
}
