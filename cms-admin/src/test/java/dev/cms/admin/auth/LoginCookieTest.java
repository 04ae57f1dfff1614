package dev.cms.admin.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.user.User;
import dev.cms.core.user.UserRepository;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login cookie is a signed JWT that only this site can make, and it stops working the moment
 * its user is disabled or their token version changes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginCookieTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserRepository users;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("cookie");
    }

    @BeforeAll
    void firstAdmin() {
        Browser setup = new Browser(server.getURI());
        Page page = setup.get("/admin/setup");
        assertEquals(303, setup.submit(page, "form[action=/admin/setup]", Map.of("username", "boss",
                "password", "boss-password", "passwordConfirm", "boss-password")).status());
    }

    private Browser loggedIn(String username, String password) {
        Browser browser = new Browser(server.getURI());
        Page login = browser.get("/admin/login");
        assertEquals(303, browser.submit(login, "form[action=/admin/login]",
                Map.of("username", username, "password", password)).status());
        return browser;
    }

    private int adminStatusWith(String token) {
        Browser browser = new Browser(server.getURI());
        browser.setCookie("cms_auth", token);
        return browser.get("/admin/articles").status();
    }

    @Test
    void cookieIsSignedHttpOnlyAndSameSite() {
        Browser browser = new Browser(server.getURI());
        Page login = browser.get("/admin/login");
        Page in = browser.submit(login, "form[action=/admin/login]", Map.of("username", "boss", "password", "boss-password"));
        String setCookie = in.header("Set-Cookie").toLowerCase();
        assertTrue(setCookie.contains("httponly"), setCookie);
        assertTrue(setCookie.contains("samesite=lax"), setCookie);
        String token = browser.cookie("cms_auth");
        assertNotNull(token);
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        assertTrue(header.contains("HS256"), header);
        assertEquals(200, adminStatusWith(token));
    }

    @Test
    void unsignedCookieIsRefused() {
        String token = new PlainJWT(claims("boss", 0)).serialize();
        assertEquals(303, adminStatusWith(token));
    }

    @Test
    void cookieSignedWithAnotherSecretIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("boss", 0));
        jwt.sign(new MACSigner("a-completely-different-secret-of-enough-length-1234567890"));
        assertEquals(303, adminStatusWith(jwt.serialize()));
    }

    @Test
    void disablingUserOrRaisingTokenVersionRevokesCookieAtOnce() {
        Browser boss = loggedIn("boss", "boss-password");
        String token = boss.cookie("cms_auth");
        assertEquals(200, adminStatusWith(token));

        User user = users.findByUsername("boss").orElseThrow();
        users.update(withTokenVersion(user, user.tokenVersion() + 1, true));
        assertEquals(303, adminStatusWith(token), "old token version is refused");

        Browser again = loggedIn("boss", "boss-password");
        String fresh = again.cookie("cms_auth");
        assertEquals(200, adminStatusWith(fresh));
        User current = users.findByUsername("boss").orElseThrow();
        users.update(withTokenVersion(current, current.tokenVersion(), false));
        try {
            assertEquals(303, adminStatusWith(fresh), "disabled user is refused");
        } finally {
            User disabled = users.findByUsername("boss").orElseThrow();
            users.update(withTokenVersion(disabled, disabled.tokenVersion(), true));
        }
    }

    private static User withTokenVersion(User u, int version, boolean enabled) {
        return new User(u.id(), u.username(), u.displayName(), u.passwordHash(), u.role(), enabled, version,
                u.createdAt(), u.updatedAt());
    }

    private static JWTClaimsSet claims(String subject, int tokenVersion) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of("ADMIN"))
                .claim(ActiveUserClaimsValidator.TOKEN_VERSION, tokenVersion)
                .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + 3_600_000)).build();
    }
}
