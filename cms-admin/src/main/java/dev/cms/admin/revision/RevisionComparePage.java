package dev.cms.admin.revision;

import dev.cms.core.article.Article;
import dev.cms.core.revision.LineDiff;
import dev.cms.core.revision.Revision;

import java.util.List;

/** One saved revision beside the current text: the title if it changed, the body line by line, and restore. */
public record RevisionComparePage(Article article, Revision revision, boolean titleChanged, List<LineDiff.Line> diff) {
}
