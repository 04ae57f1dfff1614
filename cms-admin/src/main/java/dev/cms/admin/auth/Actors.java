package dev.cms.admin.auth;

import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import dev.cms.core.user.UserService;
import dev.cms.web.site.Messages;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/** Turns the signed-in user of a request into the core's {@link Actor}, role and id from the database. */
@Singleton
public class Actors {

    private final UserService users;

    private final Messages messages;

    public Actors(UserService users, Messages messages) {
        this.messages = messages;
        this.users = users;
    }

    public java.util.Optional<Actor> byUsername(String username) {
        return users.actor(username);
    }

    public Actor of(Authentication authentication) {
        return users.actor(authentication.getName())
                .orElseThrow(() -> new ForbiddenException(messages.get("admin.error.unknownUser")));
    }
}
