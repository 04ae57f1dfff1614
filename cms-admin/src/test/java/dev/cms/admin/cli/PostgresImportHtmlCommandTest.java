package dev.cms.admin.cli;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** import-html on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresImportHtmlCommandTest extends ImportHtmlCommandContract implements TestPropertyProvider {

    private TestDatabases.PostgresDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabases.postgres("cms_import_html");
        return database.properties();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
