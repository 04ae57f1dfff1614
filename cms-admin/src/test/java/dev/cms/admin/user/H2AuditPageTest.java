package dev.cms.admin.user;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The audit page on the embedded default. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2AuditPageTest extends AuditPageContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("audit-page");
    }
}
