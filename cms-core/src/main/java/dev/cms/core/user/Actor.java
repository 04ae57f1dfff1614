package dev.cms.core.user;

import io.micronaut.core.annotation.Nullable;

/**
 * Who is doing something, as the server knows it from the login cookie: the rules of what each
 * role may do are checked against this in the services, never only in the pages.
 */
public record Actor(@Nullable Long userId, String username, Role role) {

    /** Work done by the system itself (imports, scheduled publishing): may do everything. */
    public static final Actor SYSTEM = new Actor(null, "system", Role.ADMIN);

    public boolean canPublish() {
        return role == Role.ADMIN || role == Role.EDITOR;
    }

    public boolean editsAllContent() {
        return role == Role.ADMIN || role == Role.EDITOR;
    }
}
