package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.TopicItem;
import dev.cms.admin.archive.TopicImportRepository.StoredTopic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code topics.jsonl}: slugs and names unique in the archive, no name the site gives another topic. */
final class TopicValidator {

    private final Map<String, String> siteSlugByName = new HashMap<>();
    private final Set<String> archiveSlugs = new HashSet<>();
    private final Set<String> archiveNames = new HashSet<>();
    /** Slugs of the site's topics and the archive's: what articles and redirects may name. */
    private final Set<String> known = new HashSet<>();

    TopicValidator(List<StoredTopic> siteTopics) {
        for (StoredTopic t : siteTopics) {
            siteSlugByName.put(t.name(), t.slug());
            known.add(t.slug());
        }
    }

    void check(ArchiveItem i) {
        TopicItem t = ImportItems.topic(i);
        if (t.slug() != null && !archiveSlugs.add(t.slug())) {
            i.error("a second topic with this slug");
        }
        if (t.name() != null && !archiveNames.add(t.name())) {
            i.error("a second topic named \"" + t.name() + "\"");
        }
        String owner = t.name() == null ? null : siteSlugByName.get(t.name());
        if (owner != null && !owner.equals(t.slug())) {
            i.error("the site already has a topic named \"" + t.name() + "\" with another slug (\"" + owner + "\")");
        }
        if (t.slug() != null) {
            known.add(t.slug());
        }
    }

    /** Whether the slug is a topic of the archive or of the site. */
    boolean isKnown(String slug) {
        return known.contains(slug);
    }
}
