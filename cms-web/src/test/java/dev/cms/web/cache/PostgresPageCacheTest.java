package dev.cms.web.cache;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

class PostgresPageCacheTest extends PageCacheContract {

    private TestDatabases.PostgresDatabase postgres;

    @Override
    Map<String, String> database() {
        postgres = TestDatabases.postgres("page_cache");
        return postgres.properties();
    }

    @Override
    void afterNodeClosed() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
