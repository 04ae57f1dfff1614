package dev.cms.core.user;

/** What a user may do: ADMIN everything, EDITOR all content, AUTHOR own drafts. */
public enum Role {
    ADMIN,
    EDITOR,
    AUTHOR
}
