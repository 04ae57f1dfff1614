package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** One entry of an article's 相关内容 list. */
@Introspected
public record RelatedLink(String slug, String title, Instant publishedAt) {
}
