package dev.cms.core.user;

import io.micronaut.core.annotation.Nullable;

/** What {@link UserService#createOrResetAdmin} did: the account before (null when it created it) and after. */
public record AdminAccountChange(@Nullable User before, User after) {

    public boolean created() {
        return before == null;
    }
}
