package dev.cms.admin.cli;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** import-html on the embedded H2 database of a one-machine site. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportHtmlCommandTest extends ImportHtmlCommandContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return ImportHtmlCommandContract.withoutBackgroundLists(AuthorNodeTestSupport.properties("import-html"));
    }
}
