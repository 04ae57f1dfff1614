package dev.cms.core.article;

import java.util.Map;

/** An edit that cannot be saved; {@link #errors()} maps each field to a message for the editor. */
public class InvalidArticleException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidArticleException(Map<String, String> errors) {
        super("Invalid article: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
