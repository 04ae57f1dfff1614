package dev.cms.admin.cli;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.audit.AuditEvent;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserRepository;
import dev.cms.core.user.UserService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar cms-admin.jar create-admin ...}, run in process against the node's services. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateAdminCommandTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;

    @Inject
    UserService users;

    @Inject
    UserRepository userRepository;

    @Inject
    AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("cli");
    }

    record Run(int exitCode, String out, String err, boolean startedNode) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run cmsAdmin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicBoolean started = new AtomicBoolean();
        int exitCode = new AdminCommandLine(() -> {
            started.set(true);
            return context;
        }, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString(), started.get());
    }

    private static String username() {
        return "ops-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAnAdminWhoCanSignInWithoutPrintingThePassword() {
        String name = username();

        Run run = cmsAdmin("s3cret-pass-1\n", "create-admin", "--username", name, "--display-name", "运维",
                "--password-stdin");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Created admin '" + name + "' (运维); sign in at /admin.\n", run.out());
        assertEquals("", run.err());
        User admin = users.authenticate(name, "s3cret-pass-1").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertEquals("运维", admin.displayName());
    }

    @Test
    void lockedOutUserGetsTheNewPasswordIsEnabledAsAdminAndItsOldLoginsStopWorking() {
        String name = username();
        User editor = users.create(name, "编辑", "old-password", Role.EDITOR);
        for (int i = 0; i < UserService.LOCK_AFTER; i++) {
            users.authenticate(name, "wrong-password");
        }
        userRepository.update(new User(editor.id(), editor.username(), editor.displayName(), editor.passwordHash(),
                editor.role(), false, editor.tokenVersion(), editor.createdAt(), editor.updatedAt()));

        Run run = cmsAdmin("", "create-admin", "--username", name, "--password", "new-password");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Set a new password for '" + name + "'; its earlier logins are signed out on every node;"
                + " the account is enabled again; it is now an admin (was EDITOR).\n", run.out());
        assertTrue(run.err().contains("--password-stdin avoids that"), run::toString);
        assertFalse(run.out().contains("new-password") || run.err().contains("new-password"), run::toString);
        assertTrue(users.authenticate(name, "old-password").isEmpty());
        User admin = users.authenticate(name, "new-password").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertEquals("编辑", admin.displayName(), "an existing user keeps its display name");
        assertTrue(users.activeUser(name, editor.tokenVersion()).isEmpty(), "a cookie of the old token version is refused");
        assertTrue(users.activeUser(name, admin.tokenVersion()).isPresent());
        AuditEvent logged = audit.newest(1).get(0);
        assertEquals(List.of(CreateAdminCommand.ACTOR, "password-reset", "user " + name),
                List.of(logged.actor(), logged.action(), logged.target()));
    }

    @Test
    void weakPasswordIsRefusedWithTheReasonAndNothingIsCreated() {
        String name = username();

        Run run = cmsAdmin("short\n", "create-admin", "--username", name, "--password-stdin");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("cms-admin: create-admin: password: 密码长度须为 8–72 个字符\n", run.err());
        assertEquals("", run.out());
        assertTrue(userRepository.findByUsername(name).isEmpty());
    }

    @Test
    void badCommandLinesAreUsageErrorsThatNeedNoDatabase() {
        Run noUsername = cmsAdmin("", "create-admin", "--password-stdin");
        Run twoPasswords = cmsAdmin("", "create-admin", "--username", "x1", "--password-stdin", "--password", "p");
        Run noPassword = cmsAdmin("", "create-admin", "--username", "x1");
        Run emptyStdin = cmsAdmin("", "create-admin", "--username", "x1", "--password-stdin");
        Run unknown = cmsAdmin("", "creat-admin");

        for (Run run : new Run[] {noUsername, twoPasswords, noPassword, emptyStdin, unknown}) {
            assertEquals(2, run.exitCode(), run::toString);
            assertFalse(run.startedNode(), run::toString);
        }
        assertTrue(noUsername.err().startsWith("Missing required option: '--username=<name>'"), noUsername::toString);
        assertTrue(twoPasswords.err().contains("mutually exclusive"), twoPasswords::toString);
        assertTrue(noPassword.err().startsWith("no password: give it on standard input with --password-stdin"),
                noPassword::toString);
        assertTrue(emptyStdin.err().startsWith("--password-stdin: standard input has no password"), emptyStdin::toString);
        assertTrue(unknown.err().contains("Unmatched argument at index 0: 'creat-admin'"), unknown::toString);
    }

    @Test
    void helpListsTheCommands() {
        Run help = cmsAdmin("", "--help");
        Run commandHelp = cmsAdmin("", "create-admin", "--help");

        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: cms-admin [-h] [--verbose] COMMAND"), help::toString);
        assertTrue(help.out().matches("(?s).*\n  create-admin +Create an admin account\\..*"), help::toString);
        assertTrue(help.out().matches("(?s).*\n  export-static +Write the public site into DIR.*"), help::toString);
        assertEquals(0, commandHelp.exitCode(), commandHelp::toString);
        assertTrue(commandHelp.out().contains("--password-stdin"), commandHelp::toString);
        assertFalse(help.startedNode() || commandHelp.startedNode());
    }

    @Test
    void onlyABareWordOrHelpIsACommandEverythingElseStartsTheServer() {
        assertTrue(AdminCommandLine.isCommand("create-admin", "--username", "x"));
        assertTrue(AdminCommandLine.isCommand("--help"));
        assertTrue(AdminCommandLine.isCommand("creat-admin"));
        assertFalse(AdminCommandLine.isCommand());
        assertFalse(AdminCommandLine.isCommand("--micronaut.server.port=8081"));
    }

    @Test
    void reindexRebuildsTheSearchIndexFromTheDatabase() throws Exception {
        ArticleEditService articles = context.getBean(ArticleEditService.class);
        articles.create(new dev.cms.core.article.ArticleEdit("重建索引的文章", null, null, "正文", java.util.List.of(), null, null, null),
                dev.cms.core.article.SaveAction.PUBLISH, Actor.SYSTEM);
        dev.cms.core.search.SearchIndex index = context.getBean(dev.cms.core.search.SearchIndex.class);
        java.nio.file.Path path = index.path();

        Run run = cmsAdmin("", "reindex");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("rebuilt"), run.toString());
        assertTrue(java.util.regex.Pattern.compile("rebuilt: [1-9][0-9]* published articles").matcher(run.out()).find(), run.out());
        assertTrue(java.nio.file.Files.isDirectory(path), "the index lives under the data directory");
    }
}
