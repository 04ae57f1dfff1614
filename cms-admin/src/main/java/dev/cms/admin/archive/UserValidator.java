package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.UserItem;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code users.jsonl}: usernames unique whatever their case, in the archive and against the
 * site, without control characters; a password hash only in bcrypt's form.
 */
final class UserValidator {

    /** The site's names by their lower-case form (the table's {@code username_key}). */
    private final Map<String, String> siteUsersByKey = new HashMap<>();
    private final Set<String> archiveKeys = new HashSet<>();
    /** Usernames of the site and the archive: what articles may name as their author. */
    private final Set<String> known = new HashSet<>();

    UserValidator(List<User> siteUsers) {
        for (User u : siteUsers) {
            known.add(u.username());
            siteUsersByKey.put(key(u.username()), u.username());
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    void check(ArchiveItem i) {
        UserItem u = ImportItems.user(i);
        if (u.username() != null && !archiveKeys.add(key(u.username()))) {
            i.error("a second user with this username (usernames are unique whatever their case)");
        }
        String siteUser = u.username() == null ? null : siteUsersByKey.get(key(u.username()));
        if (siteUser != null && !siteUser.equals(u.username())) {
            i.error("the site already has the user \"" + siteUser + "\" (usernames are unique whatever their case)");
        }
        if (u.username() != null && UserService.hasControlCharacters(u.username())) {
            i.error("a username cannot contain control characters (line breaks, tabs)");
        }
        if (u.passwordHash() != null && !u.passwordHash().startsWith("$2")) {
            i.error("passwordHash is not a bcrypt hash");
        }
        if (u.username() != null) {
            known.add(u.username());
        }
    }

    boolean isKnown(String username) {
        return known.contains(username);
    }
}
