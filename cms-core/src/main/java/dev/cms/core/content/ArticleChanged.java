package dev.cms.core.content;

/**
 * Published (as an application event) whenever an article is saved, published or unpublished, so
 * derived data kept outside the database (the search index) can follow. Listeners that must see
 * the committed state use {@code @TransactionalEventListener}.
 */
public record ArticleChanged(Long articleId) {
}
