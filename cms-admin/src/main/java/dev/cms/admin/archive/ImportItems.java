package dev.cms.admin.archive;

import dev.cms.core.article.ArticleStatus;
import dev.cms.core.media.MediaFiles;
import dev.cms.core.profile.NavigationLink;
import dev.cms.core.profile.SiteProfileEdit;
import dev.cms.core.profile.SiteProfileService.StoredProfile;
import dev.cms.core.user.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The items of a site archive as records, read from their JSON fields with the rules of one item
 * (types, lengths, allowed values): the same reading for the check and for the writes, so what
 * was checked is what is written. Rules across items and the site are the validators'.
 */
final class ImportItems {

    static final Set<String> STATUSES = Arrays.stream(ArticleStatus.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> ROLES = Arrays.stream(Role.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    /** A stored media path's length at most ({@code media.path}). */
    static final int MEDIA_PATH_LENGTH = 64;
    private static final Set<String> KINDS = new TreeSet<>(List.of("PIN", "EXCLUDE"));
    private static final Set<String> IMAGE_TYPES = new TreeSet<>(List.of("image/jpeg", "image/png", "image/gif",
            "image/webp"));

    private ImportItems() {
    }

    record TopicItem(String slug, String name, Instant created, String description) {
    }

    record UserItem(String username, String displayName, String role, boolean enabled, Instant created,
                    String passwordHash) {
    }

    record RevisionItem(String title, String summary, String markdown, String topics, String status,
                        String savedBy, Instant savedAt, String featuredImage) {
        /** How a revision is matched with the site's: who saved it, when, and its title. */
        String key() {
            return savedBy + "|" + savedAt + "|" + title;
        }
    }

    record ArticleItem(String slug, String title, String summary, String markdown, String status, Instant published,
                       Instant created, Instant updated, String author, Instant trashed, String statusBeforeTrash,
                       List<String> topics, List<RevisionItem> revisions, String featuredImage,
                       PendingItem pending) {
    }

    /** The pending change of a published article, as the site keeps it (topics by name, one a line). */
    record PendingItem(String title, String slug, String summary, String markdown, String topics,
                       String featuredImage, boolean submitted, String savedBy, Instant savedAt) {
    }

    record OverrideItem(String article, String related, String kind, long position, Instant created) {
    }

    record RedirectItem(String oldSlug, String target, Instant created) {
    }

    record MediaItem(String path, String originalName, String contentType, long sizeBytes, long width, long height,
                     String uploadedBy, Instant created) {
    }

    /** The site settings as stored: images by media path, the menu as its links. */
    record SettingsItem(String siteName, String description, String footerText, List<NavigationLink> navigation,
                        String logo, String favicon, String shareImage, Instant updated, String updatedBy) {

        /** As the admin's settings form would have them typed, to be checked by the same rules. */
        SiteProfileEdit edit() {
            return new StoredProfile(siteName, description, footerText, navigation, logo, favicon, shareImage,
                    updated, updatedBy).edit();
        }
    }

    static TopicItem topic(ArchiveItem i) {
        return new TopicItem(i.text("slug", 200), i.text("name", 100), i.time("created"),
                i.optionalText("description", dev.cms.core.topic.TopicService.MAX_DESCRIPTION_LENGTH));
    }

    static UserItem user(ArchiveItem i) {
        return new UserItem(i.text("username", 64), i.text("displayName", 100), i.oneOf("role", ROLES),
                i.flag("enabled"), i.time("created"), i.optionalText("passwordHash", 100));
    }

    static ArticleItem article(ArchiveItem i) {
        String status = i.oneOf("status", STATUSES);
        Instant published = i.optionalTime("published");
        if (published == null && ("PUBLISHED".equals(status) || "SCHEDULED".equals(status))) {
            i.error("published is missing: a " + status + " article needs its publish time");
        } else if (published != null && (published.isBefore(dev.cms.core.article.ArticleValidator.EARLIEST_PUBLISH_TIME)
                || published.isAfter(dev.cms.core.article.ArticleValidator.LATEST_PUBLISH_TIME))) {
            i.error("published " + published + " is not between 1970-01-01 and 9999-12-31, the publish times the site takes");
        }
        Instant trashed = i.optionalTime("trashed");
        String before = i.optionalText("statusBeforeTrash", 16);
        if ("TRASHED".equals(status)) {
            if (trashed == null) {
                i.error("trashed is missing: a TRASHED article needs the time it was trashed");
            }
            if (before == null || !STATUSES.contains(before) || before.equals("TRASHED")) {
                i.error("statusBeforeTrash " + ArchiveFile.quoted(before) + " is not the status to restore to");
            }
        }
        List<String> topics = i.texts("topics", 200);
        if (topics.size() != new HashSet<>(topics).size()) {
            i.error("topics names a topic twice");
        }
        List<RevisionItem> revisions = new ArrayList<>();
        for (ArchiveItem r : i.items("revisions")) {
            revisions.add(new RevisionItem(r.text("title", 200), r.textAllowEmpty("summary", 1000),
                    r.textAllowEmpty("markdown", Integer.MAX_VALUE), r.textAllowEmpty("topics", 2000),
                    r.text("status", 16), r.text("savedBy", 64), r.time("savedAt"),
                    r.optionalText("featuredImage", MEDIA_PATH_LENGTH)));
        }
        return new ArticleItem(i.text("slug", 200), i.text("title", dev.cms.core.article.ArticleValidator.MAX_TITLE),
                i.textAllowEmpty("summary", dev.cms.core.article.ArticleValidator.MAX_SUMMARY),
                i.textAllowEmpty("markdown", dev.cms.core.article.ArticleValidator.MAX_BODY), status, published, i.time("created"),
                i.time("updated"), i.optionalText("author", 64), trashed, before, topics, revisions,
                i.optionalText("featuredImage", MEDIA_PATH_LENGTH), pending(i.optionalItem("pending")));
    }

    private static PendingItem pending(ArchiveItem p) {
        if (p == null) {
            return null;
        }
        return new PendingItem(p.text("title", dev.cms.core.article.ArticleValidator.MAX_TITLE),
                p.optionalText("slug", 200), p.optionalText("summary", dev.cms.core.article.ArticleValidator.MAX_SUMMARY),
                p.textAllowEmpty("markdown", dev.cms.core.article.ArticleValidator.MAX_BODY),
                p.textAllowEmpty("topics", 4000), p.optionalText("featuredImage", MEDIA_PATH_LENGTH),
                p.flag("submitted"), p.text("savedBy", 100), p.time("savedAt"));
    }

    static OverrideItem override(ArchiveItem i) {
        OverrideItem o = new OverrideItem(i.text("article", 200), i.text("related", 200), i.oneOf("kind", KINDS),
                i.number("position", 0), i.time("created"));
        if (o.article() != null && o.article().equals(o.related())) {
            i.error("an article cannot be related to itself");
        }
        return o;
    }

    static RedirectItem redirect(ArchiveItem i) {
        return new RedirectItem(i.text("oldSlug", 200), i.text("target", 200), i.time("created"));
    }

    static SettingsItem settings(ArchiveItem i) {
        List<NavigationLink> links = new ArrayList<>();
        for (ArchiveItem link : i.items("navigation")) {
            String label = link.text("label", Integer.MAX_VALUE);
            String href = link.text("href", Integer.MAX_VALUE);
            if (label != null && href != null) {
                if (label.contains("|")) {
                    link.error("label \"" + label + "\" holds a |, which a menu label cannot");
                }
                links.add(new NavigationLink(label, href));
            }
        }
        // Lengths, links and images are checked by the settings' own rules (SiteProfileService.problems).
        return new SettingsItem(i.optionalText("siteName", Integer.MAX_VALUE),
                i.optionalText("description", Integer.MAX_VALUE),
                i.optionalText("footerText", Integer.MAX_VALUE), List.copyOf(links),
                i.optionalText("logo", Integer.MAX_VALUE), i.optionalText("favicon", Integer.MAX_VALUE),
                i.optionalText("shareImage", Integer.MAX_VALUE),
                i.time("updated"), i.optionalText("updatedBy", 64));
    }

    static MediaItem media(ArchiveItem i) {
        MediaItem m = new MediaItem(i.text("path", MEDIA_PATH_LENGTH), i.textAllowEmpty("originalName", 255),
                i.oneOf("contentType", IMAGE_TYPES), i.number("sizeBytes", 1), i.number("width", 1),
                i.number("height", 1), i.text("uploadedBy", 64), i.time("created"));
        if (m.path() != null && !MediaFiles.isStoredPath(m.path())) {
            i.error("path is not a media path such as 2024/05/abcdef.png");
        }
        return m;
    }
}
