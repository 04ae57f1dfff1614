package dev.cms.core.publishing;

import java.time.Duration;

/** A scheduled article went public; {@code lag} is how long after its publish time that happened. */
public record ArticlePublished(Long articleId, Duration lag) {
}
