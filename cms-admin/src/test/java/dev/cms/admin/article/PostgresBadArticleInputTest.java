package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The article form's bad input against PostgreSQL, which fails any statement given a NUL in text. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresBadArticleInputTest extends BadArticleInputTest {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties(TestDatabases.postgres("cms_admin_bad_input"));
    }
}
