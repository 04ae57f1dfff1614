package dev.cms.core.publishing;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** Scheduling on the embedded default. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SchedulingTest extends SchedulingContract implements TestPropertyProvider {

    private Map<String, String> database;

    @Override
    Map<String, String> databaseProperties() {
        return database;
    }

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabases.h2("scheduling");
        Map<String, String> props = new HashMap<>(database);
        schedulingProperties().forEach((k, v) -> props.put(k, v.toString()));
        return props;
    }
}
