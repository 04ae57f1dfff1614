package dev.cms.admin.staticsite;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** export-static on PostgreSQL, the production database, in a database of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresExportStaticTest extends ExportStaticContract implements TestPropertyProvider {

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = withSite(TestDatabases.postgres("cms_export_static").properties());
        }
        return properties;
    }

    @Override
    Map<String, String> nodeProperties() {
        return getProperties();
    }
}
