package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Pending changes on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPendingChangeTest extends PendingChangeContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties(TestDatabases.postgres("cms_pending_change_test"));
    }
}
