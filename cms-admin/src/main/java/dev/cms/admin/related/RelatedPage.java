package dev.cms.admin.related;

import dev.cms.core.article.Article;
import dev.cms.core.related.RelatedEntry;
import dev.cms.core.related.RelatedOverride;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * An article's 相关内容 as editors manage it: the stored list in order, the pins and exclusions,
 * and why the last pin or exclusion was refused, if it was.
 */
public record RelatedPage(Article article, List<RelatedEntry> entries, List<RelatedOverride> overrides,
                          @Nullable String error) {
}
