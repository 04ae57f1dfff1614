package dev.cms.admin.staticsite;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** export-static on the embedded H2 database of a one-machine site. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStaticTest extends ExportStaticContract implements TestPropertyProvider {

    private final Map<String, String> properties = withSite(AuthorNodeTestSupport.properties("export-static"));

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    Map<String, String> nodeProperties() {
        return properties;
    }
}
