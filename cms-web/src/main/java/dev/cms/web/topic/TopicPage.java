package dev.cms.web.topic;

import dev.cms.web.site.ArticleListItem;
import dev.cms.web.site.Pagination;

import java.util.List;

/** The model of a topic page: the topic, its newest published articles, its feed. */
public record TopicPage(String name, String slug, long total, List<ArticleListItem> articles, Pagination pagination) {
}
