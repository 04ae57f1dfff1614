package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login and CSRF cookies are {@code Secure} when the browser came over HTTPS, which behind a
 * TLS-ending proxy only {@code X-Forwarded-Proto} tells, and that header counts only when the
 * operator said to trust it ({@code cms.trust-forwarded-headers}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureCookieTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("secure-cookie"));
        props.put("cms.trust-forwarded-headers", "true");
        return props;
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
    }

    /** The Set-Cookie line for one cookie in an answer. */
    private static String setCookie(Page page, String name) {
        List<String> lines = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).filter(line -> line.startsWith(name + "=")).toList();
        assertEquals(1, lines.size(), name + " in " + page.headers());
        return lines.get(0);
    }

    private static boolean isSecure(String setCookie) {
        return List.of(setCookie.toLowerCase().split(";\\s*")).contains("secure");
    }

    /** Logs in, the login POST carrying the given X-Forwarded-Proto (null: none); the login answer. */
    private static Page login(URI base, String forwardedProto) {
        Browser browser = new Browser(base);
        Page loginPage = browser.get("/admin/login");
        if (forwardedProto != null) {
            browser.header("X-Forwarded-Proto", forwardedProto);
        }
        Page in = browser.submit(loginPage, "form[action=/admin/login]", Map.of("username", "ed", "password", "editor-password"));
        assertEquals(303, in.status(), in.body());
        return in;
    }

    private static Page csrfPage(URI base, String forwardedProto) {
        Browser browser = new Browser(base);
        if (forwardedProto != null) {
            browser.header("X-Forwarded-Proto", forwardedProto);
        }
        return browser.get("/admin/login");
    }

    @Test
    void trustedForwardedHttpsMarksBothCookiesSecure() {
        URI base = server.getURI();
        assertTrue(isSecure(setCookie(login(base, "https"), "cms_auth")));
        assertTrue(isSecure(setCookie(login(base, "https, http"), "cms_auth")), "the browser's hop is the first value");
        assertTrue(isSecure(setCookie(csrfPage(base, "HTTPS"), "cms_csrf")));
        String auth = setCookie(login(base, "https"), "cms_auth").toLowerCase();
        assertTrue(auth.contains("httponly") && auth.contains("samesite=lax"), auth);
    }

    @Test
    void plainHttpKeepsCookiesUsableWithoutHttps() {
        URI base = server.getURI();
        assertFalse(isSecure(setCookie(login(base, null), "cms_auth")));
        assertFalse(isSecure(setCookie(login(base, "http"), "cms_auth")));
        assertFalse(isSecure(setCookie(csrfPage(base, null), "cms_csrf")));
        assertFalse(isSecure(setCookie(csrfPage(base, "http, https"), "cms_csrf")));
    }

    @Test
    void untrustedForwardedHeaderIsIgnored() {
        Map<String, Object> props = new HashMap<>(AuthorNodeTestSupport.properties("secure-cookie-untrusted"));
        props.put("micronaut.server.port", "-1");
        try (ApplicationContext context = ApplicationContext.run(props, "test")) {
            EmbeddedServer other = context.getBean(EmbeddedServer.class).start();
            context.getBean(UserService.class).create("ed", "编辑", "editor-password", Role.EDITOR);
            assertFalse(isSecure(setCookie(login(other.getURI(), "https"), "cms_auth")));
            assertFalse(isSecure(setCookie(csrfPage(other.getURI(), "https"), "cms_csrf")));
        }
    }

    @Test
    void cookieSecureSettingMarksCookiesSecureEvenOverHttp() {
        Map<String, Object> props = new HashMap<>(AuthorNodeTestSupport.properties("secure-cookie-always"));
        props.put("micronaut.server.port", "-1");
        props.put("micronaut.security.token.cookie.cookie-secure", "true");
        try (ApplicationContext context = ApplicationContext.run(props, "test")) {
            EmbeddedServer other = context.getBean(EmbeddedServer.class).start();
            context.getBean(UserService.class).create("ed", "编辑", "editor-password", Role.EDITOR);
            // The CSRF cookie is Secure now, so a client over plain http keeps it to itself:
            // check the answers' headers only.
            assertTrue(isSecure(setCookie(csrfPage(other.getURI(), null), "cms_csrf")));
        }
    }
}
