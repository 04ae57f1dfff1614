package dev.cms.core.site;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** The statement timeout on the embedded default, H2 (QUERY_TIMEOUT). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2StatementTimeoutTest extends StatementTimeoutContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("statement-timeout"));
        properties.put("cms.db.statement-timeout", "1s");
        return properties;
    }

    @Override
    String endlessQuery() {
        return "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";
    }
}
