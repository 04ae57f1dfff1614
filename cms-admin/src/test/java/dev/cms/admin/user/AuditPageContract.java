package dev.cms.admin.user;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log reads in the admin's language (issue 13, defect 5): actions and notes translated,
 * articles by title, users by display name, the scheduler named, on every supported database
 * ({@link H2AuditPageTest}, {@link PostgresAuditPageTest}).
 */
abstract class AuditPageContract {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    AuditLog audit;

    /** The cells of every row: time, actor, action, target, note, address. */
    private static List<List<String>> rows(Page page) {
        return page.document().select(".audit-list tbody tr").stream()
                .map(tr -> tr.select("td").stream().map(Element::text).toList()).toList();
    }

    private static void assertRow(List<List<String>> rows, String actor, String action, String target, String note,
                                  String address) {
        assertTrue(rows.stream().anyMatch(r -> r.subList(1, 6).equals(List.of(actor, action, target, note, address))),
                () -> "no row " + List.of(actor, action, target, note, address) + " in " + rows);
    }

    @Test
    void theLogSaysWhoDidWhatToWhatInTheAdminsLanguage() {
        users.create("boss", "站长", "admin-password", Role.ADMIN);
        users.create("writer", "写手", "writer-password", Role.AUTHOR);
        Article a = articles.create(Articles.edit("审计里的文章").body("正文。").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        // What PublishingScheduler writes when it publishes a scheduled article.
        audit.record("scheduler", "publish", "article " + a.id(), "scheduled, 133 ms late", "");
        audit.record("boss", "made-up-action", "something", "as stored", "");

        Browser boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
        Page users = boss.get("/admin/users");
        boss.submit(users, "form[action=/admin/users/" + this.users.find("writer").orElseThrow().id() + "/disable]", Map.of("confirmed", "yes"));

        List<List<String>> rows = rows(boss.get("/admin/audit"));
        assertRow(rows, "定时任务", "发布", "文章《审计里的文章》", "定时发布，晚了 133 毫秒", "—");
        assertRow(rows, "系统", "发布", "文章《审计里的文章》", "审计里的文章", "—");
        assertRow(rows, "站长", "登录", "用户 站长", "", "127.0.0.1");
        assertRow(rows, "站长", "停用用户", "用户 写手", "角色：作者，已停用", "127.0.0.1");
        assertRow(rows, "站长", "made-up-action", "something", "as stored", "—");
    }
}
