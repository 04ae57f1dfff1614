package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.RedirectItem;

import java.sql.SQLException;

/** Writes {@code slug-redirects.jsonl} or {@code topic-redirects.jsonl}: matched by the old slug; a new target replaces the site's. */
final class RedirectImporter {

    /** The id of the article or topic a slug names (checked to exist before the writes). */
    @FunctionalInterface
    interface Targets {
        long idOf(String slug) throws SQLException;
    }

    private final ImportRun run;
    private final String entry;
    private final RedirectImportRepository redirects;
    private final Targets targets;

    RedirectImporter(ImportRun run, String entry, RedirectImportRepository redirects, Targets targets) {
        this.run = run;
        this.entry = entry;
        this.redirects = redirects;
        this.targets = targets;
    }

    void write() throws SQLException {
        SiteImporter.Counts c = run.counts(entry);
        run.eachItem(entry, "oldSlug", i -> {
            RedirectItem r = ImportItems.redirect(i);
            long target = targets.idOf(r.target());
            Long current = redirects.findTarget(r.oldSlug());
            if (current == null) {
                redirects.insert(r.oldSlug(), target, r.created());
                c.created++;
            } else if (current != target) {
                redirects.retarget(r.oldSlug(), target);
                c.updated++;
            } else {
                c.unchanged++;
            }
        });
    }
}
