package dev.cms.admin.support;

import dev.cms.core.testing.TestDatabases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Properties for an author node under test: a private H2 database and data directory. */
public final class AuthorNodeTestSupport {

    private AuthorNodeTestSupport() {
    }

    public static Map<String, String> properties(String name) {
        try {
            Map<String, String> props = new java.util.HashMap<>(TestDatabases.h2(name));
            props.put("cms.data-dir", Files.createTempDirectory("cms-" + name).toString());
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
