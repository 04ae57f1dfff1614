package dev.cms.web.cache;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

class H2PageCacheTest extends PageCacheContract {

    @Override
    Map<String, String> database() {
        return TestDatabases.h2("page-cache");
    }
}
