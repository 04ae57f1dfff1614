package dev.cms.core.article;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What an editor (or an import) submits for an article, already parsed: the publish time is in
 * the site's time zone; {@code featuredImageId} is the media id of the chosen featured image (null
 * for none); {@code version} is the version the edit was based on (null for new).
 */
public record ArticleEdit(String title,
                          @Nullable String slug,
                          @Nullable String summary,
                          String bodyMarkdown,
                          List<String> topicNames,
                          @Nullable LocalDateTime publishTime,
                          @Nullable Long featuredImageId,
                          @Nullable Long version) {
}
