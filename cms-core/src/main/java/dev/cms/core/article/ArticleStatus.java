package dev.cms.core.article;

/** Where an article is in its life; only PUBLISHED articles whose time has come reach readers. */
public enum ArticleStatus {
    DRAFT,
    /** An author's draft submitted to the editors, who publish it or send it back. */
    REVIEW,
    SCHEDULED,
    PUBLISHED,
    UNPUBLISHED,
    /** Deleted by an editor: off the public site, restorable until purged. */
    TRASHED
}
