package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.TopicItem;
import dev.cms.admin.archive.TopicImportRepository.StoredTopic;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Writes {@code topics.jsonl}: a topic is matched by its slug; a different name replaces the site's. */
final class TopicImporter {

    private final ImportRun run;
    private final TopicImportRepository topics;

    TopicImporter(ImportRun run, TopicImportRepository topics) {
        this.run = run;
        this.topics = topics;
    }

    void write() throws SQLException {
        Map<String, String> names = new HashMap<>();
        for (StoredTopic t : topics.findAll()) {
            run.topicIds.put(t.slug(), t.id());
            names.put(t.slug(), t.name());
        }
        SiteImporter.Counts c = run.counts(ArchiveFormat.TOPICS);
        run.eachItem(ArchiveFormat.TOPICS, "slug", i -> {
            TopicItem t = ImportItems.topic(i);
            Long id = run.topicIds.get(t.slug());
            if (id == null) {
                run.topicIds.put(t.slug(), topics.insert(t.slug(), t.name(), t.created()));
                c.created++;
            } else if (!names.get(t.slug()).equals(t.name())) {
                topics.rename(id, t.name());
                c.updated++;
            } else {
                c.unchanged++;
            }
        });
        run.topicIds.forEach((slug, id) -> run.topicSlugs.put(id, slug));
    }
}
