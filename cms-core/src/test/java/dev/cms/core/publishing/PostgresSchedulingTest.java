package dev.cms.core.publishing;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** Scheduling on PostgreSQL, where racing nodes really are separate connections. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSchedulingTest extends SchedulingContract implements TestPropertyProvider {

    private TestDatabases.PostgresDatabase database;

    @Override
    Map<String, String> databaseProperties() {
        return database.properties();
    }

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabases.postgres("cms_sched_test");
        Map<String, String> props = new HashMap<>(database.properties());
        schedulingProperties().forEach((k, v) -> props.put(k, v.toString()));
        return props;
    }
}
