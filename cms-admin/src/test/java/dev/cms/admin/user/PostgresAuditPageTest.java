package dev.cms.admin.user;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The audit page on PostgreSQL, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAuditPageTest extends AuditPageContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties(TestDatabases.postgres("cms_audit_page_test"));
    }
}
