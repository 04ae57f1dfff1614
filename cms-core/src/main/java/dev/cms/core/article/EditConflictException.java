package dev.cms.core.article;

/** A save based on a version that someone else has replaced meanwhile; carries the current one. */
public class EditConflictException extends RuntimeException {

    private final Article current;

    public EditConflictException(Article current) {
        super("Article " + current.id() + " was changed meanwhile (now version " + current.version() + ")");
        this.current = current;
    }

    public Article current() {
        return current;
    }
}
