package dev.cms.admin.browser;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The admin pages of a site in Chinese (the default language). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesQualityTest extends AdminPagesQualityContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("admin-quality");
    }
}
