package dev.cms.admin.archive;

import java.util.List;

/**
 * The names and rules of the site archive, format version 1 (described for people in
 * cms-admin/ARCHIVE-FORMAT.md): a zip of JSON Lines entries, media files under {@code media/}, and
 * a {@code manifest.json} with counts and a SHA-256 of every other entry.
 */
public final class ArchiveFormat {

    public static final String FORMAT = "cms-archive";
    /** Raised when a reader of this version could not read the archive correctly; readers refuse a newer one. */
    public static final int VERSION = 1;

    public static final String MANIFEST = "manifest.json";
    public static final String TOPICS = "topics.jsonl";
    public static final String USERS = "users.jsonl";
    public static final String ARTICLES = "articles.jsonl";
    public static final String RELATED = "related-overrides.jsonl";
    public static final String SLUG_REDIRECTS = "slug-redirects.jsonl";
    public static final String TOPIC_REDIRECTS = "topic-redirects.jsonl";
    public static final String MEDIA = "media.jsonl";
    public static final String MEDIA_FILES = "media/";
    /** The site settings (站点设置): an optional entry, as archives written before it have none. */
    public static final String SETTINGS = "settings.jsonl";

    /** The JSON Lines entries, in the order they are written and imported (each refers only to earlier ones). */
    public static final List<String> ENTRIES = List.of(TOPICS, USERS, ARTICLES, RELATED, SLUG_REDIRECTS,
            TOPIC_REDIRECTS, MEDIA);

    /**
     * Entries a reader takes when present and does without when absent: archives written before an
     * entry was added stay readable, and older readers, which read only the entries they know, still
     * read everything else correctly (so adding one does not raise {@link #VERSION}).
     */
    public static final List<String> OPTIONAL_ENTRIES = List.of(SETTINGS);

    /** Every JSON Lines entry this version writes, in order. */
    public static final List<String> WRITTEN = List.of(TOPICS, USERS, ARTICLES, RELATED, SLUG_REDIRECTS,
            TOPIC_REDIRECTS, MEDIA, SETTINGS);

    private ArchiveFormat() {
    }

    /** The kind an entry holds, as the manifest counts and the reports name it: "topics.jsonl" is "topics". */
    public static String kind(String entry) {
        return entry.substring(0, entry.indexOf('.'));
    }
}
