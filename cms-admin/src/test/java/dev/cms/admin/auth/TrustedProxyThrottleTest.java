package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behind a trusted proxy (CMS_TRUST_FORWARDED_HEADERS=true) every request comes from the proxy's
 * address, so the login throttle goes by the address the proxy writes last into X-Forwarded-For:
 * one guesser is refused, the editors behind the same proxy are not, and a value the guesser
 * writes in front of the proxy's own does not help them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxyThrottleTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("trusted-proxy"));
        props.put("cms.trust-forwarded-headers", "true");
        return props;
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
    }

    private Page login(String forwardedFor, String username, String password) {
        Browser browser = new Browser(server.getURI()).header("X-Forwarded-For", forwardedFor);
        return browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", username, "password", password));
    }

    @Test
    void theGuesserIsThrottledAndTheEditorsBehindTheSameProxyAreNot() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertEquals(401, login("203.0.113.7", "nobody-" + i, "guess-" + i).status());
        }
        assertEquals("203.0.113.7", audit.newest(1).get(0).address(), "the audit log names the browser, not the proxy");
        assertEquals(429, login("203.0.113.7", "ed", "editor-password").status());
        assertEquals(429, login("198.51.100.1, 203.0.113.7", "ed", "editor-password").status(),
                "a value written by the guesser in front of the proxy's own changes nothing");
        assertEquals(303, login("192.0.2.44", "ed", "editor-password").status(), "another editor behind the proxy gets in");
    }
}
