package dev.cms.core.site;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** The statement timeout on PostgreSQL (statement_timeout), longer than no socket timeout here. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStatementTimeoutTest extends StatementTimeoutContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.postgres("cms_statement_timeout_test").properties());
        properties.put("cms.db.statement-timeout", "1s");
        // The socket timeout would cut the wait short on the client's side; the server must end it.
        properties.put("cms.db.socket-timeout", "0s");
        return properties;
    }

    @Override
    String endlessQuery() {
        return "SELECT pg_sleep(600)";
    }
}
