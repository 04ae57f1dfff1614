package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.OverrideItem;
import dev.cms.admin.archive.RelatedOverrideImportRepository.StoredOverride;

import java.sql.SQLException;

/**
 * Writes {@code related-overrides.jsonl}: matched by the pair of articles; a changed pin or
 * exclusion puts the article's list in the backlog.
 */
final class RelatedOverrideImporter {

    private final ImportRun run;
    private final RelatedOverrideImportRepository overrides;
    private final ArticleImporter articles;

    RelatedOverrideImporter(ImportRun run, RelatedOverrideImportRepository overrides, ArticleImporter articles) {
        this.run = run;
        this.overrides = overrides;
        this.articles = articles;
    }

    void write() throws SQLException {
        SiteImporter.Counts c = run.counts(ArchiveFormat.RELATED);
        run.eachItem(ArchiveFormat.RELATED, "article", i -> {
            OverrideItem o = ImportItems.override(i);
            long article = articles.idOf(o.article());
            long related = articles.idOf(o.related());
            StoredOverride stored = overrides.find(article, related);
            if (stored == null) {
                overrides.insert(article, related, o.kind(), o.position(), o.created());
                c.created++;
            } else if (!stored.kind().equals(o.kind()) || stored.position() != o.position()) {
                overrides.update(article, related, o.kind(), o.position());
                c.updated++;
            } else {
                c.unchanged++;
                return;
            }
            run.listsToRefresh.add(article);
        });
    }
}
