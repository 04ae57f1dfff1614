package dev.cms.core.article;

/** Where an article is in its life; only PUBLISHED articles whose time has come reach readers. */
public enum ArticleStatus {
    DRAFT,
    SCHEDULED,
    PUBLISHED,
    UNPUBLISHED
}
