package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.OverrideItem;

import java.util.HashSet;
import java.util.Set;

/** Checks {@code related-overrides.jsonl}: both articles exist, each pair once. */
final class RelatedOverrideValidator {

    private final ArticleValidator articles;
    private final Set<String> pairs = new HashSet<>();

    RelatedOverrideValidator(ArticleValidator articles) {
        this.articles = articles;
    }

    void check(ArchiveItem i) {
        OverrideItem o = ImportItems.override(i);
        articles.checkReference(o.article(), "article", i);
        articles.checkReference(o.related(), "related", i);
        if (o.article() != null && !pairs.add(o.article() + "\n" + o.related())) {
            i.error("a second override for related \"" + o.related() + "\"");
        }
    }
}
