package dev.cms.admin.trash;

import dev.cms.core.article.ArticleRow;

import java.util.List;

/** The trash: articles moved there, most recently first, to restore or delete for good. */
public record TrashListPage(List<ArticleRow> articles) {
}
