package dev.cms.core.profile;

import java.util.Map;

/** Settings that cannot be saved; {@link #errors()} maps each field to a message for the admin. */
public class InvalidSiteProfileException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidSiteProfileException(Map<String, String> errors) {
        super("Invalid site settings: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
