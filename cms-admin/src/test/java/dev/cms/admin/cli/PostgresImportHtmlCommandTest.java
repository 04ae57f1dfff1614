package dev.cms.admin.cli;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** import-html on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresImportHtmlCommandTest extends ImportHtmlCommandContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return ImportHtmlCommandContract.withoutBackgroundLists(TestDatabases.postgres("cms_import_html").properties());
    }
}
