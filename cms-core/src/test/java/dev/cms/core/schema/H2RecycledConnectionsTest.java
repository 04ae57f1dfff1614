package dev.cms.core.schema;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Recycled connections on the embedded default, where H2 2.4.240 broke. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2RecycledConnectionsTest extends RecycledConnectionsContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("recycled");
    }
}
