package dev.cms.admin;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.testing.TestDatabases;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * The forms fuzzed on PostgreSQL, which fails a statement given a NUL that H2 stores: every POST
 * route with every value, and the public article and topic pages (their slug lookups).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresHostileInputFuzzTest extends HostileInputFuzzTest {

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties(TestDatabases.postgres("cms_admin_fuzz"));
    }

    @Override
    boolean fuzzed(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        return route.getHttpMethod() == HttpMethod.POST || template.startsWith("/articles/")
                || template.startsWith("/topics/") || template.startsWith("/admin/articles{");
    }

    @Override
    int minimumRoutes() {
        return 20;
    }
}
