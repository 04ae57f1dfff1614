package dev.cms.admin.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jwt.SignedJWT;
import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.audit.AuditEvent;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One name, one account, whatever its case: 'Chief' and 'chief' cannot both exist, and 'CHIEF'
 * signs Chief in. A username with a line break is refused at setup, when an admin creates a user
 * and at login, and what was typed never starts a line of its own in the audit log.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsernameTest implements TestPropertyProvider {

    static final String FORGED = "ed\r\n2030-01-01T00:00:00.000Z INFO  [main] audit - Chief login user Chief from 10.0.0.1";

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    private final Logger auditLogger = (Logger) LoggerFactory.getLogger("audit");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(AuthorNodeTestSupport.properties("usernames"));
    }

    @BeforeAll
    void firstAdminThroughSetup() {
        logged.start();
        auditLogger.addAppender(logged);
        auditLogger.setLevel(Level.INFO);

        Browser setup = new Browser(server.getURI());
        Page lineBreak = setup.submit(setup.get("/admin/setup"), "form[action=/admin/setup]", Map.of(
                "username", "Chief\r\nadmin", "password", "chief-password", "passwordConfirm", "chief-password"));
        assertEquals(422, lineBreak.status(), "a line break in the first admin's name is refused");
        assertEquals("用户名不能包含换行符或其他控制字符", lineBreak.text("#username-error"));
        assertFalse(users.hasUsers());

        Page created = setup.submit(setup.get("/admin/setup"), "form[action=/admin/setup]", Map.of(
                "username", "Chief", "password", "chief-password", "passwordConfirm", "chief-password"));
        assertEquals(303, created.status());
    }

    @AfterAll
    void detach() {
        auditLogger.detachAppender(logged);
    }

    @Test
    void aNameDifferingOnlyInCaseIsTakenAndSignsTheSameAccountIn() throws Exception {
        Browser chief = Browser.signedIn(server.getURI(), "CHIEF", "chief-password");
        assertEquals("Chief", SignedJWT.parse(chief.cookie("cms_auth")).getJWTClaimsSet().getSubject(),
                "'CHIEF' signs Chief in, under the name as it was created");

        Page twin = chief.submit(chief.get("/admin/users"), "form.create-user", Map.of("username", "chief",
                "displayName", "Twin", "password", "twin-password", "role", "ADMIN"));
        assertEquals(422, twin.status());
        assertEquals("用户名“chief”已被“Chief”占用:用户名不区分大小写", twin.text("#username-error"));

        InvalidUserException direct = assertThrows(InvalidUserException.class,
                () -> users.create("cHiEf", "Twin", "twin-password", Role.EDITOR));
        assertTrue(direct.errors().containsKey("username"));
        assertEquals(1, users.list().stream().filter(u -> u.username().equalsIgnoreCase("chief")).count());
    }

    @Test
    void aLineBreakInANewUsersNameIsRefused() {
        Browser chief = Browser.signedIn(server.getURI(), "Chief", "chief-password");
        Page refused = chief.submit(chief.get("/admin/users"), "form.create-user", Map.of("username", "newbie\n",
                "displayName", "New", "password", "newbie-password", "role", "AUTHOR"));
        assertEquals(422, refused.status());
        assertEquals("用户名不能包含换行符或其他控制字符", refused.text("#username-error"));
        assertThrows(InvalidUserException.class, () -> users.create("nul\u0000", "N", "newbie-password", Role.AUTHOR));
        assertTrue(users.list().stream().map(User::username).noneMatch(n -> n.startsWith("newbie") || n.startsWith("nul")));
    }

    @Test
    void aLineBreakInALoginNameIsRefusedAndForgesNoAuditLine() {
        logged.list.clear();
        Browser someone = new Browser(server.getURI());
        Page refused = someone.submit(someone.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", FORGED, "password", "whatever-password"));
        assertEquals(422, refused.status());
        assertEquals("用户名不能包含换行符或其他控制字符。", refused.text("[role=alert]"));
        assertEquals(null, someone.cookie("cms_auth"));

        AuditEvent event = audit.newest(1).get(0);
        assertEquals("login-refused", event.action());
        for (String field : List.of(event.actor(), event.target(), event.detail())) {
            assertFalse(field.contains("\n") || field.contains("\r"), field);
        }
        assertTrue(event.target().contains("ed\\r\\n2030"), "the line break is shown as an escape: " + event.target());

        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"), lines.get(0));
    }

    @Test
    void anOverlongLoginNameIsAFailedLoginNotAnError() {
        Browser someone = new Browser(server.getURI());
        Page failed = someone.submit(someone.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "x".repeat(500), "password", "whatever-password"));
        assertEquals(401, failed.status());
        assertEquals("x".repeat(64), audit.newest(1).get(0).actor());
    }
}
