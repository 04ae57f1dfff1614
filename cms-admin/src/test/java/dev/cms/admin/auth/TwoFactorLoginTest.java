package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Role;
import dev.cms.core.user.Totp;
import dev.cms.core.user.TwoFactorService;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-step login: an editor sets it up on their account page with an authenticator app (secret as
 * text and as an otpauth:// link, confirmed by a code), gets ten recovery codes, and from then on
 * logs in with the password and then a code, each code once; a recovery code stands in for one
 * once. Wrong codes count towards the lockout, and knowing the password does not reset that
 * count. Authors are not offered it. Codes are made from the test's clock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoFactorLoginTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("two-factor"));
        props.put("cms.test.clock", "2030-01-01T08:00:00Z");
        return props;
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("eve", "编辑二", "eve-password", Role.EDITOR);
        users.create("otto", "编辑三", "otto-password", Role.EDITOR);
        users.create("al", "作者", "author-password", Role.AUTHOR);
    }

    /** Each test on its own stretch of the clock: no throttle window, lock or code step left over. */
    @BeforeEach
    void later() {
        clock.advance(Duration.ofHours(2));
    }

    private String codeNow(String secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    /** The password step; the code page it leads to. */
    private Page password(Browser browser, String username, String password) {
        Page codePage = password(browser, browser.get("/admin/login"), username, password);
        assertNotNull(codePage.document().selectFirst("form.login-code"));
        assertNull(browser.cookie("cms_auth"), "the password alone signs nobody in");
        return codePage;
    }

    private Page code(Browser browser, Page codePage, String code) {
        return browser.submit(codePage, "form.login-code", Map.of("code", code));
    }

    /** Turns it on for a user without the pages; the secret. */
    private String turnOn(String username) {
        String secret = Totp.newSecret();
        twoFactor.enable(users.find(username).orElseThrow(), secret, codeNow(secret));
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        return secret;
    }

    @Test
    void anEditorSetsItUpAndThenLogsInWithTheirPasswordAndACode() {
        Browser ed = Browser.signedIn(server.getURI(), "ed", "editor-password");
        Page account = ed.get("/admin/account");
        assertNotNull(account.document().selectFirst("a[href=/admin/account/two-factor]"));

        Page setup = ed.get("/admin/account/two-factor");
        String secret = setup.text("code.totp-secret").replace(" ", "");
        assertTrue(Totp.isSecret(secret), secret);
        String uri = setup.document().selectFirst("a.totp-uri").attr("href");
        assertTrue(uri.startsWith("otpauth://totp/") && uri.contains("secret=" + secret) && uri.contains(":ed?"), uri);

        String right = codeNow(secret);
        String wrong = right.equals("123456") ? "654321" : "123456";
        Page refused = ed.submit(setup, "form.two-factor-on", Map.of("code", wrong));
        assertEquals(422, refused.status());
        assertNotNull(refused.text("#code-error"));
        assertFalse(users.hasSecondFactor(users.find("ed").orElseThrow()), "a wrong code turns nothing on");

        Page codes = ed.submit(refused, "form.two-factor-on", Map.of("code", right));
        assertEquals(200, codes.status(), codes.body());
        List<String> recovery = codes.document().select(".recovery-codes code").eachText();
        assertEquals(TwoFactorService.RECOVERY_CODES, recovery.size());
        assertEquals(TwoFactorService.RECOVERY_CODES, recovery.stream().distinct().count());
        assertTrue(ed.get("/admin/account").text(".two-factor-state").contains("10"));

        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        Browser phone = new Browser(server.getURI());
        Page codePage = password(phone, "ed", "editor-password");
        Page wrongCode = code(phone, codePage, "000000".equals(codeNow(secret)) ? "111111" : "000000");
        assertEquals(401, wrongCode.status());
        assertNull(phone.cookie("cms_auth"));
        String current = codeNow(secret);
        Page in = code(phone, wrongCode, current);
        assertEquals(303, in.status());
        assertEquals("/admin", in.header("Location"));
        assertEquals(200, phone.get("/admin/articles").status());

        Browser thief = new Browser(server.getURI());
        assertEquals(401, code(thief, password(thief, "ed", "editor-password"), current).status(),
                "a code works once, even seen over a shoulder within its 30 seconds");

        Browser noPhone = new Browser(server.getURI());
        assertEquals(303, code(noPhone, password(noPhone, "ed", "editor-password"), recovery.get(3).toUpperCase()).status(),
                "a recovery code stands in for the app");
        Browser again = new Browser(server.getURI());
        assertEquals(401, code(again, password(again, "ed", "editor-password"), recovery.get(3)).status(),
                "each recovery code works once");
        assertEquals(TwoFactorService.RECOVERY_CODES - 1, twoFactor.recoveryCodesLeft(users.find("ed").orElseThrow()));
    }

    @Test
    void wrongCodesLockTheAccountAndTheRightPasswordDoesNotBuyMoreGuesses() {
        String secret = turnOn("eve");
        String wrong = codeNow(secret).equals("000000") ? "999999" : "000000";
        Browser guesser = new Browser(server.getURI());
        Page codePage = password(guesser, "eve", "eve-password");
        for (int i = 0; i < UserService.LOCK_AFTER - 2; i++) {
            codePage = code(guesser, codePage, wrong);
            assertEquals(401, codePage.status());
        }
        codePage = password(guesser, "eve", "eve-password");
        for (int i = 0; i < 2; i++) {
            codePage = code(guesser, codePage, wrong);
        }
        assertEquals(401, code(guesser, codePage, codeNow(secret)).status(), "locked: the right code is refused too");
        Page locked = guesser.submit(guesser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "eve", "password", "eve-password"));
        assertEquals(401, locked.status(), "and so is the password");

        clock.advance(UserService.LOCK_FOR.plusSeconds(1));
        Browser eve = new Browser(server.getURI());
        assertEquals(303, code(eve, password(eve, "eve", "eve-password"), codeNow(secret)).status());
    }

    @Test
    void aCodeStepLeftOpenTooLongStartsOver() {
        String secret = turnOn("otto");
        Browser otto = new Browser(server.getURI());
        Page codePage = password(otto, "otto", "otto-password");
        clock.advance(LoginChallenges.LIFETIME.plusSeconds(1));
        Page over = code(otto, codePage, codeNow(secret));
        assertEquals(401, over.status());
        assertNotNull(over.document().selectFirst("form[action=/admin/login]"), "back to the password");
        assertNull(otto.cookie("cms_auth"));
    }

    @Test
    void turningItOffTakesThePasswordAndAnAdminsResetTurnsItOffToo() {
        String secret = turnOn("otto");
        Browser otto = new Browser(server.getURI());
        code(otto, password(otto, "otto", "otto-password"), codeNow(secret));
        Page account = otto.get("/admin/account");
        Page refused = otto.submit(account, "form.two-factor-off", Map.of("currentPassword", "not-my-password"));
        assertEquals(422, refused.status());
        assertNotNull(refused.text("#twoFactor-error"));
        Page off = otto.submit(otto.get("/admin/account"), "form.two-factor-off", Map.of("currentPassword", "otto-password"));
        assertEquals(303, off.status());
        // The password alone signs in again (signedIn fails unless the login form answers 303).
        assertNotNull(Browser.signedIn(server.getURI(), "otto", "otto-password").cookie("cms_auth"));

        turnOn("otto");
        User before = users.find("otto").orElseThrow();
        users.resetPassword(before.id(), "otto-new-password");
        assertFalse(users.hasSecondFactor(users.find("otto").orElseThrow()),
                "someone who lost their phone gets back in through an admin's password reset");
        users.resetPassword(before.id(), "otto-password");
    }

    @Test
    void aSaveWhoseLoginEndedIsKeptThroughBothSteps() {
        String secret = turnOn("eve");
        Browser eve = new Browser(server.getURI());
        Page in = code(eve, password(eve, "eve", "eve-password"), codeNow(secret));
        assertEquals(303, in.status());
        Page editor = eve.get("/admin/articles/new");
        clock.advance(Duration.ofHours(13));

        Map<String, String> fields = Browser.fields(editor, "form.article-form",
                Map.of("title", "两步之后", "body", "长长的正文\n第二行", "action", "save"));
        Page login = eve.followPost(eve.post("/admin/articles", fields), fields);
        assertEquals(401, login.status());
        Page codePage = password(eve, login, "eve", "eve-password");
        assertNotNull(codePage.document().selectFirst("form.login-code input[name=resumeBody]"));
        Page again = code(eve, codePage, codeNow(secret));
        assertEquals(303, again.status());
        Page resume = eve.follow(again);
        assertEquals(200, resume.status());
        Page saved = eve.submit(resume, "form.resume-form", Map.of());
        assertEquals(303, saved.status());
        assertEquals("长长的正文\n第二行", eve.follow(saved).document().selectFirst("#body").wholeText().replace("\r\n", "\n"));
    }

    /** The password step from a login page already open (one carrying a form, say). */
    private Page password(Browser browser, Page loginPage, String username, String password) {
        Page codePage = browser.submit(loginPage, "form[action=/admin/login]", Map.of("username", username, "password", password));
        assertEquals(200, codePage.status(), codePage.body());
        return codePage;
    }

    @Test
    void authorsAreNotOfferedIt() {
        Browser al = Browser.signedIn(server.getURI(), "al", "author-password");
        Page account = al.get("/admin/account");
        assertEquals(200, account.status());
        Element section = account.document().selectFirst(".two-factor");
        assertNull(section);
        assertEquals(403, al.get("/admin/account/two-factor").status());
    }
}
