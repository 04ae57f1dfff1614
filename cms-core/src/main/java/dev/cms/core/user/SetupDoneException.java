package dev.cms.core.user;

import java.util.Map;

/**
 * The first-admin setup was refused because the site has had it: an admin exists, or another
 * setup submitted at the same moment won. Whoever sent it belongs on the login page.
 */
public class SetupDoneException extends InvalidUserException {

    public SetupDoneException(String message) {
        super(Map.of("username", message));
    }
}
