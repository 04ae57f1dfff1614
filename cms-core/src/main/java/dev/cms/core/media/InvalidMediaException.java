package dev.cms.core.media;

/** An upload that is refused; nothing of it has been written. */
public class InvalidMediaException extends RuntimeException {

    private final MediaRefusal refusal;

    public InvalidMediaException(MediaRefusal refusal, String detail) {
        super("Upload refused (" + refusal + "): " + detail);
        this.refusal = refusal;
    }

    public MediaRefusal refusal() {
        return refusal;
    }
}
