package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every state-changing admin route, found from the router itself (so a route added later is
 * covered without editing this test), refuses a request without a CSRF token or with a foreign
 * one, for a signed-in admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfEveryRouteTest implements TestPropertyProvider {

    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    Long articleId;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("csrf");
    }

    @BeforeAll
    void content() {
        users.create("boss", "管理员", "boss-password", Role.ADMIN);
        articleId = articles.create(Articles.edit("文章").slug("csrf-article").body("x").topics("t").build(),
                SaveAction.PUBLISH, Actor.SYSTEM).id();
    }

    private List<String> stateChangingAdminPaths() {
        return router.uriRoutes()
                .filter(route -> STATE_CHANGING.contains(route.getHttpMethod()))
                .map(UriRouteInfo::getUriMatchTemplate)
                .map(Object::toString)
                .filter(path -> path.startsWith("/admin"))
                .map(path -> path.replaceAll("\\{[^}]+}", String.valueOf(articleId)))
                .distinct()
                .toList();
    }

    @Test
    void everyStateChangingRouteRefusesMissingAndForeignTokens() {
        List<String> paths = stateChangingAdminPaths();
        assertFalse(paths.size() < 6, "routes found: " + paths);
        assertTrue(paths.contains("/admin/articles/" + articleId + "/preview-link"), "review links are covered: " + paths);
        Browser admin = new Browser(server.getURI());
        Page login = admin.get("/admin/login");
        assertEquals(303, admin.submit(login, "form[action=/admin/login]",
                Map.of("username", "boss", "password", "boss-password")).status());
        String foreign = new Browser(server.getURI()).get("/admin/login").document().selectFirst("input[name=csrf]").val();

        for (String path : paths) {
            Map<String, String> fields = Map.of("title", "改了", "body", "x", "action", "publish", "relatedId",
                    String.valueOf(articleId), "username", "boss", "password", "boss-password");
            assertEquals(403, admin.post(path, fields).status(), "no token: " + path);
            Map<String, String> withForeign = new java.util.HashMap<>(fields);
            withForeign.put("csrf", foreign);
            assertEquals(403, admin.post(path, withForeign).status(), "foreign token: " + path);
        }
        assertEquals("文章", adminArticles.find(articleId).orElseThrow().title(), "nothing changed");
    }
}
