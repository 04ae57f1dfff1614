package dev.cms.web.topic;

import dev.cms.web.site.ArticleListItem;
import dev.cms.web.site.Pagination;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** The model of a topic page: the topic and what an editor says it is about, its newest published articles, its feed. */
public record TopicPage(String name, String slug, @Nullable String description, long total, List<ArticleListItem> articles, Pagination pagination) {
}
