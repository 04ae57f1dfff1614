package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Pending changes on the embedded default. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2PendingChangeTest extends PendingChangeContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("pending-change");
    }
}
