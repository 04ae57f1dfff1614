package dev.cms.admin.archive;

import dev.cms.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Export and import on PostgreSQL, the production database: every site in a database of its own. */
class PostgresSiteArchiveTest extends SiteArchiveContract {

    private final List<TestDatabases.PostgresDatabase> databases = new ArrayList<>();

    @Override
    Map<String, String> newSite(String name) {
        TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_" + name.replace('-', '_'));
        databases.add(database);
        return database.properties();
    }

    @AfterAll
    void dropDatabases() {
        stopServers();
        databases.forEach(TestDatabases.PostgresDatabase::close);
    }
}
