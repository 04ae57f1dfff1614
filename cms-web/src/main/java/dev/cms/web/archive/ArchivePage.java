package dev.cms.web.archive;

import dev.cms.web.site.ArticleListItem;
import dev.cms.web.site.Pagination;

import java.util.List;

/** The model of a monthly archive page. */
public record ArchivePage(int year, int month, long total, List<ArticleListItem> articles, Pagination pagination) {
}
