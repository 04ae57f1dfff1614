package dev.cms.core.media;

/** Why an upload was not stored; each has a message for the uploader in the admin's language. */
public enum MediaRefusal {
    /** No file chosen, or an empty one. */
    EMPTY,
    /** Larger than {@code cms.media.max-bytes}. */
    TOO_LARGE,
    /** The file name carries path parts ({@code /}, {@code \}) or is not a name at all. */
    BAD_NAME,
    /** The bytes are not JPEG, PNG, GIF or WebP, whatever the name or the declared type says. */
    NOT_AN_IMAGE,
    /** Starts like an accepted image but cannot be read as one. */
    BROKEN_IMAGE,
    /** More pixels than a reader's browser should be asked to decode. */
    TOO_MANY_PIXELS
}
