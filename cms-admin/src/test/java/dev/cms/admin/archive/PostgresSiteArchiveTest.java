package dev.cms.admin.archive;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

/** Export and import on PostgreSQL, the production database: every site in a database of its own. */
class PostgresSiteArchiveTest extends SiteArchiveContract {

    @Override
    Map<String, String> newSite(String name) {
        return TestDatabases.postgres("cms_" + name.replace('-', '_')).properties();
    }
}
