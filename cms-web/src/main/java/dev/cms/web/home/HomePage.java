package dev.cms.web.home;

import dev.cms.web.site.ArticleListItem;
import dev.cms.web.site.Pagination;

import java.util.List;

/** The model of the home page (and its numbered pages): newest published articles, no bodies. */
public record HomePage(List<ArticleListItem> articles, Pagination pagination) {
}
