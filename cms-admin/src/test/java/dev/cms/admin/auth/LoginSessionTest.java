package dev.cms.admin.auth;

import com.nimbusds.jwt.SignedJWT;
import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A login lasts twelve hours (the token in the cookie and its session in the database), and ends
 * for good when its user logs out: a copy of the cookie taken before is refused, on every node,
 * since the session is ended in the database.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginSessionTest implements TestPropertyProvider {

    static final Instant START = Instant.parse("2030-01-01T08:00:00Z");

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("login-session"));
        props.put("cms.test.clock", START.toString());
        return props;
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
    }

    private int adminStatusWith(String token) {
        Browser browser = new Browser(server.getURI());
        browser.setCookie("cms_auth", token);
        return browser.get("/admin/articles").status();
    }

    private static String setCookie(Page page, String name) {
        List<String> lines = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).filter(line -> line.startsWith(name + "=")).toList();
        assertEquals(1, lines.size(), name + " in " + page.headers());
        return lines.get(0);
    }

    @Test
    void theTokenInsideTheCookieLastsTwelveHoursAndTheCookieOutlivesIt() throws Exception {
        Browser browser = new Browser(server.getURI());
        Page in = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "ed", "password", "editor-password"));
        assertEquals(303, in.status());

        SignedJWT jwt = SignedJWT.parse(browser.cookie("cms_auth"));
        long lifetime = (jwt.getJWTClaimsSet().getExpirationTime().getTime()
                - jwt.getJWTClaimsSet().getIssueTime().getTime()) / 1000;
        assertEquals(Duration.ofHours(12).toSeconds(), lifetime, "the login lasts twelve hours, not one");
        // Kept longer than the login so a form sent after it ended still passes its CSRF check.
        assertTrue(setCookie(in, "cms_auth").toLowerCase().contains("max-age=" + Duration.ofDays(7).toSeconds()),
                setCookie(in, "cms_auth"));
    }

    @Test
    void copyOfTheCookieTakenBeforeLogoutIsRefused() {
        Browser ed = Browser.signedIn(server.getURI(), "ed", "editor-password");
        Browser otherDevice = Browser.signedIn(server.getURI(), "ed", "editor-password");
        String copy = ed.cookie("cms_auth");
        assertNotNull(copy);
        assertEquals(200, adminStatusWith(copy));

        Page out = ed.submit(ed.get("/admin/articles"), "form[action=/admin/logout]", Map.of());
        assertEquals(303, out.status());
        assertEquals("/admin/login", out.header("Location"));

        assertEquals(303, adminStatusWith(copy), "the copied cookie no longer signs anyone in");
        assertEquals(200, otherDevice.get("/admin/articles").status(), "a login on another device goes on");
    }

    @Test
    void loginEndsTwelveHoursAfterItBegan() {
        Browser ed = Browser.signedIn(server.getURI(), "ed", "editor-password");
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertEquals(200, ed.get("/admin/articles").status());
        clock.advance(Duration.ofMinutes(2));
        Page after = ed.get("/admin/articles");
        assertEquals(303, after.status());
        assertTrue(after.header("Location").startsWith("/admin/login"), after.header("Location"));
    }
}
