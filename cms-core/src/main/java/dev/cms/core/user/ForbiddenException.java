package dev.cms.core.user;

/** An action the actor's role does not allow; shown as a 403 page. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
