package dev.cms.admin.support;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

/** Properties for an author node under test: a private H2 database and data directory. */
public final class AuthorNodeTestSupport {

    private AuthorNodeTestSupport() {
    }

    /**
     * Properties for an author node on this PostgreSQL test database. The database is dropped after
     * the class, so its commits need not wait for the disk (synchronous_commit off for these
     * connections only): the admin tests commit at every request, and this keeps them quick.
     */
    public static Map<String, String> properties(TestDatabases.PostgresDatabase database) {
        Map<String, String> props = new java.util.HashMap<>(database.properties());
        String url = props.get("datasources.default.url");
        props.put("datasources.default.url", url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff");
        return props;
    }

    public static Map<String, String> properties(String name) {
        return TestDatabases.h2(name);
    }
}
