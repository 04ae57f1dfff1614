package dev.cms.core.testing;

import dev.cms.core.user.Actor;
import dev.cms.core.user.User;

/**
 * Who acts in a test, passed to the article services explicitly like the admin passes the logged-in
 * user: {@code Actor.SYSTEM} where who acts does not matter to the test (it may do everything),
 * {@code TestActors.of(user)} for a user the test created.
 */
public final class TestActors {

    private TestActors() {
    }

    /** The user as the services see them once logged in. */
    public static Actor of(User user) {
        return new Actor(user.id(), user.username(), user.role());
    }
}
