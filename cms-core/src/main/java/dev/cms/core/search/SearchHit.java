package dev.cms.core.search;

import java.time.Instant;

/**
 * One search result, as confirmed public by the database at search time. {@code titleHtml} and
 * {@code snippetHtml} are HTML-safe: the article's text escaped, with {@code <mark>} around the
 * matches and "…" where text was left out; print them as they are.
 */
public record SearchHit(Long id, String slug, String title, String titleHtml, String snippetHtml, Instant publishedAt) {
}
