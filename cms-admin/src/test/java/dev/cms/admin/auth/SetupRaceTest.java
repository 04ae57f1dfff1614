package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Eight people submitting the first-start setup page at the same moment make one admin: the first
 * to commit wins and is signed in; the others are sent to the login page, never an error. On H2
 * here, on PostgreSQL in {@link PostgresSetupRaceTest}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupRaceTest implements TestPropertyProvider {

    static final int PEOPLE = 8;

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("setup-race");
    }

    @Test
    void eightSimultaneousSetupsMakeExactlyOneAdmin() throws Exception {
        List<Browser> browsers = new ArrayList<>();
        List<Page> forms = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            Browser browser = new Browser(server.getURI());
            browsers.add(browser);
            forms.add(browser.get("/admin/setup"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(PEOPLE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Page>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < PEOPLE; i++) {
                Browser browser = browsers.get(i);
                Page form = forms.get(i);
                String name = "admin" + i;
                answers.add(threads.submit(() -> {
                    go.await();
                    return browser.submit(form, "form[action=/admin/setup]", Map.of("username", name,
                            "password", name + "-password", "passwordConfirm", name + "-password"));
                }));
            }
            go.countDown();
            int signedIn = 0;
            for (int i = 0; i < PEOPLE; i++) {
                Page answer = answers.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(303, answer.status(), "answer " + i + ": " + answer.status() + " " + answer.body());
                if (browsers.get(i).cookie("cms_auth") != null) {
                    signedIn++;
                    assertEquals("/admin", answer.header("Location"));
                } else {
                    assertEquals("/admin/login?setup=done", answer.header("Location"), "the others are sent to the login page");
                    Page told = browsers.get(i).follow(answer);
                    assertEquals(200, told.status());
                    assertEquals("网站已有管理员(另一个设置请求刚刚创建了它),请登录。", told.text("[role=status]"));
                }
            }
            assertEquals(1, signedIn, "one of them is signed in as the new admin");
        } finally {
            threads.shutdownNow();
        }
        List<User> created = users.list();
        assertEquals(1, created.size(), created.toString());
        Browser winner = browsers.stream().filter(b -> b.cookie("cms_auth") != null).findFirst().orElseThrow();
        assertEquals(200, winner.get("/admin/articles").status());

        Browser late = new Browser(server.getURI());
        Page afterwards = late.get("/admin/setup");
        assertEquals(303, afterwards.status());
        assertNull(late.cookie("cms_auth"));
        assertNotNull(afterwards.header("Location"));
    }
}
