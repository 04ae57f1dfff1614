package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.UserItem;
import dev.cms.core.user.ImportedUser;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code users.jsonl} through {@link UserService#importUser}, which owns the rule that a
 * changed role, state or password signs the user out everywhere.
 */
final class UserImporter {

    private final ImportRun run;
    private final UserService users;

    UserImporter(ImportRun run, UserService users) {
        this.run = run;
        this.users = users;
    }

    void write() {
        for (User u : users.list()) {
            run.userIds.put(u.username(), u.id());
        }
        SiteImporter.Counts c = run.counts(ArchiveFormat.USERS);
        List<UserItem> items = new ArrayList<>();
        run.eachItem(ArchiveFormat.USERS, "username", i -> items.add(ImportItems.user(i)));
        long withoutPassword = 0;
        for (UserItem u : items) {
            boolean isNew = !run.userIds.containsKey(u.username());
            ImportedUser done = users.importUser(u.username(), u.displayName(), Role.valueOf(u.role()), u.enabled(),
                    u.passwordHash(), u.created());
            run.userIds.put(u.username(), done.id());
            switch (done.change()) {
                case CREATED -> c.created++;
                case UPDATED -> c.updated++;
                case UNCHANGED -> c.unchanged++;
            }
            if (isNew && u.passwordHash() == null) {
                withoutPassword++;
            }
        }
        if (withoutPassword > 0) {
            run.notes.add(withoutPassword + " new user" + (withoutPassword == 1 ? " has" : "s have")
                    + " no password (the archive has no password hashes): set one with create-admin or on the"
                    + " users page before they sign in");
        }
    }
}
