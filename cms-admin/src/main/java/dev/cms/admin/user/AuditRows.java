package dev.cms.admin.user;

import dev.cms.core.article.ArticleRepository;
import dev.cms.core.article.ArticleRow;
import dev.cms.core.audit.AuditEvent;
import dev.cms.core.user.User;
import dev.cms.core.user.UserRepository;
import dev.cms.web.site.Messages;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log as an admin reads it, in the admin's language: actions and the notes the code
 * writes translated, articles named by title and users by display name (looked up once per page,
 * not per row), the scheduler and the command line named as such. The stored events stay in
 * English and unchanged (log lines, exports); what is not known is shown as stored.
 */
@Singleton
public class AuditRows {

    private static final Pattern ARTICLE = Pattern.compile("article ([0-9]{1,18})(?: .*)?");
    private static final Pattern USER = Pattern.compile("user (.+)");
    private static final Pattern LATE = Pattern.compile("scheduled, ([0-9]+) ms late");
    private static final Pattern ROLE = Pattern.compile("(create-admin: )?role (ADMIN|EDITOR|AUTHOR)(, disabled)?");
    private static final Pattern RECOVERY = Pattern.compile("with a recovery code, ([0-9]+) left");
    private static final Map<String, String> NOTES = Map.of(
            "new codes", "admin.audit.note.newCodes",
            "code asked", "admin.audit.note.codeAsked",
            "second step", "admin.audit.note.secondStep",
            "control characters in the username", "admin.audit.note.controlCharacters",
            "with an app code", "admin.audit.note.appCode");
    private static final Map<String, String> ACTORS = Map.of(
            "scheduler", "admin.audit.actor.scheduler",
            "system", "admin.audit.actor.system",
            "command-line", "admin.audit.actor.commandLine");

    private final ArticleRepository articles;
    private final UserRepository users;
    private final Messages messages;

    public AuditRows(ArticleRepository articles, UserRepository users, Messages messages) {
        this.articles = articles;
        this.users = users;
        this.messages = messages;
    }

    @Transactional(readOnly = true)
    public List<AuditPage.Row> rows(List<AuditEvent> events) {
        Set<Long> articleIds = new HashSet<>();
        Set<String> usernames = new HashSet<>();
        for (AuditEvent e : events) {
            usernames.add(e.actor());
            Matcher article = ARTICLE.matcher(e.target());
            if (article.matches()) {
                articleIds.add(Long.valueOf(article.group(1)));
            }
            Matcher user = USER.matcher(e.target());
            if (user.matches()) {
                usernames.add(user.group(1));
            }
        }
        Map<Long, String> titles = new HashMap<>();
        if (!articleIds.isEmpty()) {
            for (ArticleRow a : articles.findRowsByIds(articleIds)) {
                titles.put(a.id(), a.title());
            }
        }
        Map<String, String> names = new HashMap<>();
        if (!usernames.isEmpty()) {
            for (User u : users.findByUsernames(usernames)) {
                names.put(u.username(), u.displayName());
            }
        }
        return events.stream().map(e -> new AuditPage.Row(e.at(), actor(e.actor(), names), action(e.action()),
                target(e.target(), titles, names), note(e.detail()), e.address().isEmpty() ? "—" : e.address())).toList();
    }

    private String actor(String actor, Map<String, String> names) {
        String key = ACTORS.get(actor);
        return key != null ? messages.get(key) : names.getOrDefault(actor, actor);
    }

    private String action(String action) {
        String text = messages.bundle().get("admin.audit.action." + action);
        return text == null ? action : text;
    }

    private String target(String target, Map<Long, String> titles, Map<String, String> names) {
        Matcher article = ARTICLE.matcher(target);
        if (article.matches()) {
            String title = titles.get(Long.valueOf(article.group(1)));
            return title == null ? target : messages.get("admin.audit.target.article").replace("{0}", title);
        }
        Matcher user = USER.matcher(target);
        if (user.matches() && names.containsKey(user.group(1))) {
            return messages.get("admin.audit.target.user").replace("{0}", names.get(user.group(1)));
        }
        return target;
    }

    private String note(String detail) {
        Matcher late = LATE.matcher(detail);
        if (late.matches()) {
            return messages.get("admin.audit.note.late").replace("{0}", late.group(1));
        }
        Matcher role = ROLE.matcher(detail);
        if (role.matches()) {
            String text = messages.get("admin.audit.note.role").replace("{0}", messages.get("admin.role." + role.group(2)));
            return role.group(3) == null ? text : text + messages.get("admin.audit.note.disabled");
        }
        Matcher recovery = RECOVERY.matcher(detail);
        if (recovery.matches()) {
            return messages.get("admin.audit.note.recoveryCode").replace("{0}", recovery.group(1));
        }
        String key = NOTES.get(detail);
        return key == null ? detail : messages.get(key);
    }
}
