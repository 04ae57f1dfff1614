package dev.cms.admin.revision;

import dev.cms.core.article.Article;
import dev.cms.core.revision.RevisionRow;

import java.util.List;

/** An article's saved revisions, newest first, each linking to its comparison with the current text. */
public record RevisionListPage(Article article, List<RevisionRow> revisions) {
}
