package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.TopicItem;
import dev.cms.admin.archive.TopicImportRepository.StoredTopic;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@code topics.jsonl}: a topic is matched by its slug; a different name or description
 * replaces the site's (an archive without a description, as older ones are, has none).
 */
final class TopicImporter {

    private final ImportRun run;
    private final TopicImportRepository topics;

    TopicImporter(ImportRun run, TopicImportRepository topics) {
        this.run = run;
        this.topics = topics;
    }

    void write() throws SQLException {
        Map<String, StoredTopic> stored = new HashMap<>();
        for (StoredTopic t : topics.findAll()) {
            run.topicIds.put(t.slug(), t.id());
            stored.put(t.slug(), t);
        }
        SiteImporter.Counts c = run.counts(ArchiveFormat.TOPICS);
        run.eachItem(ArchiveFormat.TOPICS, "slug", i -> {
            TopicItem t = ImportItems.topic(i);
            Long id = run.topicIds.get(t.slug());
            if (id == null) {
                run.topicIds.put(t.slug(), topics.insert(t.slug(), t.name(), t.created(), t.description()));
                c.created++;
            } else if (!stored.get(t.slug()).name().equals(t.name())
                    || !Objects.equals(stored.get(t.slug()).description(), t.description())) {
                topics.update(id, t.name(), t.description());
                c.updated++;
            } else {
                c.unchanged++;
            }
        });
        run.topicIds.forEach((slug, id) -> run.topicSlugs.put(id, slug));
    }
}
