package dev.cms.admin.browser;

import dev.cms.admin.support.AuthorNodeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** The admin pages of a site in English (cms.language=en). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnglishAdminPagesQualityTest extends AdminPagesQualityContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(AuthorNodeTestSupport.properties("admin-quality-en"));
        properties.put("cms.language", "en");
        return properties;
    }
}
