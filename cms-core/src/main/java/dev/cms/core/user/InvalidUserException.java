package dev.cms.core.user;

import java.util.Map;

/** Account input that cannot be accepted; {@link #errors()} maps each field to a message. */
public class InvalidUserException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidUserException(Map<String, String> errors) {
        super("Invalid user: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
