package dev.cms.admin;

import dev.cms.admin.auth.CookieSecret;
import dev.cms.admin.cli.AdminCommandLine;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.UserService;
import dev.cms.db.DatabaseSettings;
import dev.cms.db.EmbeddedDatabasePassword;
import dev.cms.db.MigrationCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data directory of the embedded default belongs to the site's user: a node creates it 0700
 * with its files 0600, and the database has a generated password, so no other local user can read
 * the password hashes or write through H2's local server port with {@code sa} and no password. The
 * command lines read the same password file and keep working beside the running node. An install
 * made before all this is tightened and given its password at its first start, and still opens.
 */
class DataDirectoryTest {

    /** H2's "Wrong user name or password". */
    private static final int WRONG_PASSWORD = 28000;

    private static Map<String, Object> node(Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("cms.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", -1);
        properties.put("cms.scheduler.enabled", false);
        return properties;
    }

    @Test
    void aFreshNodeKeepsItsDataToItsUserAndTheCommandLinesStillReachItsDatabase(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, node(dataDir))) {
            server.getApplicationContext().getBean(CookieSecret.class);

            assertEquals("rwx------", permissions(dataDir));
            for (String file : List.of("cms.mv.db", "cms.lock.db", EmbeddedDatabasePassword.FILE, "cookie-secret")) {
                assertEquals("rw-------", permissions(dataDir.resolve(file)), file);
            }
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    DatabaseSettings.h2FileUrl(dataDir.toString()), "sa", "").close());
            assertEquals(WRONG_PASSWORD, refused.getErrorCode(), "sa with no password is refused, through the node's"
                    + " local server port too: " + refused.getMessage());

            StringWriter out = new StringWriter();
            int info = new MigrationCommand(Map.of("CMS_DATA_DIR", dataDir.toString()), List.of(),
                    new PrintWriter(out, true), new PrintWriter(out, true)).execute("info");
            assertEquals(0, info, out::toString);

            Map<String, Object> command = node(dataDir);
            command.put("cms.search.enabled", false);
            StringWriter err = new StringWriter();
            int created;
            try (ApplicationContext commandContext = ApplicationContext.run(command, Environment.CLI)) {
                created = new AdminCommandLine(() -> commandContext,
                        new ByteArrayInputStream("s3cret-pass-1\n".getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                        .execute("create-admin", "--username", "ops", "--password-stdin");
            }
            assertEquals(0, created, err::toString);
            assertTrue(server.getApplicationContext().getBean(UserService.class).authenticate("ops", "s3cret-pass-1")
                    .isPresent(), "the node sees the admin the command made");
        }
    }

    @Test
    void anInstallMadeBeforePasswordsIsTightenedAndGivenOneAtItsFirstStart(@TempDir Path temp) throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("old"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = DatabaseSettings.h2FileUrl(dataDir.toString());
        Map<String, Object> earlierBuild = node(dataDir);
        earlierBuild.put("datasources.default.url", url);
        earlierBuild.put("datasources.default.username", "sa");
        earlierBuild.put("datasources.default.password", "");
        Article article;
        try (ApplicationContext old = ApplicationContext.run(earlierBuild)) {
            article = old.getBean(ArticleEditService.class).create(Articles.edit("升级前的文章").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        }
        Files.setPosixFilePermissions(dataDir.resolve("cms.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        DriverManager.getConnection(url, "sa", "").close();

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, node(dataDir))) {
            assertEquals("升级前的文章", server.getApplicationContext().getBean(ArticleAdminService.class)
                    .find(article.id()).orElseThrow().title(), "the content is all there");
            assertEquals("rwx------", permissions(dataDir));
            assertEquals("rw-------", permissions(dataDir.resolve("cms.mv.db")));
            assertEquals("rw-------", permissions(dataDir.resolve(EmbeddedDatabasePassword.FILE)));
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", "").close());
            assertEquals(WRONG_PASSWORD, refused.getErrorCode(), refused::getMessage);
        }
        try (EmbeddedServer again = ApplicationContext.run(EmbeddedServer.class, node(dataDir))) {
            assertTrue(again.getApplicationContext().getBean(ArticleAdminService.class).find(article.id()).isPresent(),
                    "and it opens again with the password kept");
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
