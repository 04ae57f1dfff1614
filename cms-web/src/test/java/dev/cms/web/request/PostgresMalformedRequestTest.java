package dev.cms.web.request;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The same requests against PostgreSQL, which fails any query given a NUL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMalformedRequestTest extends MalformedRequestTest {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.postgres("cms_web_malformed").properties();
    }
}
