package dev.cms.core.profile;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaFiles;
import dev.cms.core.media.MediaRepository;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.site.StorableText;
import dev.cms.core.site.Texts;
import dev.cms.core.topic.TopicRepository;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import dev.cms.core.user.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The site settings admins change in the admin (站点设置) over the operator's defaults
 * ({@link SiteSettings}: CMS_SITE_NAME for the name; nothing for the rest). Read for every page
 * rendered, one query by primary key, and never kept in memory: a page is rendered with the
 * settings of the content version it is cached under, on every node, with no window in which a
 * node caches a page made with settings another node already replaced. A change raises the
 * content version in its transaction, so every node drops the pages that show the old ones.
 */
@Singleton
public class SiteProfileService {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 300;
    public static final int MAX_FOOTER = 500;
    public static final int MAX_LINKS = 20;
    public static final int MAX_LABEL = 40;
    public static final int MAX_HREF = 500;

    private final SiteProfileRepository profiles;
    private final SiteSettings defaults;
    private final TopicRepository topics;
    private final MediaRepository media;
    private final ContentVersion contentVersion;
    private final AuditLog audit;
    private final Texts texts;
    private final Clock clock;

    public SiteProfileService(SiteProfileRepository profiles, SiteSettings defaults, TopicRepository topics,
                              MediaRepository media, ContentVersion contentVersion, AuditLog audit, Texts texts,
                              Clock clock) {
        this.profiles = profiles;
        this.defaults = defaults;
        this.topics = topics;
        this.media = media;
        this.contentVersion = contentVersion;
        this.audit = audit;
        this.texts = texts;
        this.clock = clock;
    }

    /** The settings pages show now, defaults filled in. */
    public SiteProfile current() {
        // No transaction of its own: one statement, read for every page rendered.
        return profiles.find().map(this::effective).orElseGet(() -> effective(null));
    }

    /** What the settings form shows: the stored values, blank where the default applies. */
    @Transactional(readOnly = true)
    public SiteProfileEdit stored() {
        return profiles.find().map(row -> new SiteProfileEdit(row.siteName(), row.description(), row.footerText(),
                        row.navigation() == null ? null : row.navigation().replace("\t", " | "),
                        url(row.logoPath()), url(row.faviconPath()), url(row.shareImagePath())))
                .orElse(SiteProfileEdit.empty());
    }

    /** The operator's defaults alone: what pages show while the database cannot be read (an outage's 503 page). */
    public SiteProfile defaults() {
        return effective(null);
    }

    /** The operator's site name, shown on the form as what a blank name means. */
    public String defaultSiteName() {
        return defaults.siteName();
    }

    /**
     * Saves the settings (admins only), or throws {@link InvalidSiteProfileException} naming every
     * field that cannot be saved, having saved nothing.
     */
    @Transactional
    public SiteProfile update(SiteProfileEdit edit, Actor actor, String address) {
        if (actor.role() != Role.ADMIN) {
            throw new ForbiddenException(texts.get("profile.forbidden"));
        }
        Checked checked = check(edit, this::isStoredImage);
        if (!checked.errors().isEmpty()) {
            throw new InvalidSiteProfileException(checked.errors());
        }
        store(checked, actor.username(), clock.instant());
        audit.record(actor.username(), "site-settings", "site", checked.name() == null ? defaults.siteName()
                : checked.name(), address);
        contentVersion.raise();
        return current();
    }

    /**
     * What is wrong with settings to be saved, by field (empty when nothing is), an image counting
     * as uploaded when {@code isImage} says so: an import checks the images it brings along before
     * it writes them.
     */
    public Map<String, String> problems(SiteProfileEdit edit, Predicate<String> isImage) {
        return check(edit, isImage).errors();
    }

    /**
     * Replaces this site's settings with an archive's, as they were when {@code updatedBy} last
     * changed them at {@code updatedAt}, in the caller's transaction (the import's, which raises
     * the content version and writes the audit log); whether anything changed. The caller checked
     * them with {@link #problems} first; what is still wrong now throws
     * {@link InvalidSiteProfileException} and the caller rolls back.
     */
    @Transactional
    public boolean importProfile(SiteProfileEdit edit, String updatedBy, Instant updatedAt) {
        Checked checked = check(edit, this::isStoredImage);
        if (!checked.errors().isEmpty()) {
            throw new InvalidSiteProfileException(checked.errors());
        }
        SiteProfileRow row = profiles.find().orElse(null);
        if (row != null && Objects.equals(row.siteName(), checked.name())
                && Objects.equals(row.description(), checked.description())
                && Objects.equals(row.footerText(), checked.footer())
                && Objects.equals(row.navigation(), checked.navigation())
                && Objects.equals(row.logoPath(), checked.logo())
                && Objects.equals(row.faviconPath(), checked.favicon())
                && Objects.equals(row.shareImagePath(), checked.shareImage())) {
            return false;
        }
        store(checked, updatedBy, updatedAt);
        return true;
    }

    /** The stored settings as an archive carries them (null when they were never changed in the admin). */
    @Transactional(readOnly = true)
    public Optional<StoredProfile> exported() {
        return profiles.find().filter(row -> row.updatedAt() != null).map(row -> new StoredProfile(row.siteName(),
                row.description(), row.footerText(), links(row.navigation()), row.logoPath(), row.faviconPath(),
                row.shareImagePath(), row.updatedAt(), row.updatedBy()));
    }

    /** The settings as stored: images by media path, the menu resolved to its links. */
    public record StoredProfile(@Nullable String siteName, @Nullable String description, @Nullable String footerText,
                                List<NavigationLink> navigation, @Nullable String logoPath,
                                @Nullable String faviconPath, @Nullable String shareImagePath,
                                Instant updatedAt, @Nullable String updatedBy) {

        /** The same settings as the admin's form would have them typed. */
        public SiteProfileEdit edit() {
            return new SiteProfileEdit(siteName, description, footerText, navigation.isEmpty() ? null
                    : navigation.stream().map(l -> l.label() + " | " + l.href()).collect(Collectors.joining("\n")),
                    url(logoPath), url(faviconPath), url(shareImagePath));
        }
    }

    /** Settings checked and put as they are stored; {@code errors} by field when they cannot be. */
    private record Checked(String name, String description, String footer, String navigation, String logo,
                           String favicon, String shareImage, Map<String, String> errors) {
    }

    private Checked check(SiteProfileEdit edit, Predicate<String> isImage) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(edit.siteName(), "siteName", MAX_NAME, errors);
        String description = text(edit.description(), "description", MAX_DESCRIPTION, errors);
        String footer = text(edit.footerText(), "footerText", MAX_FOOTER, errors);
        String navigation = navigation(edit.navigation(), errors);
        String logo = image(edit.logoUrl(), "logoUrl", isImage, errors);
        String favicon = image(edit.faviconUrl(), "faviconUrl", isImage, errors);
        String shareImage = image(edit.shareImageUrl(), "shareImageUrl", isImage, errors);
        return new Checked(name, description, footer, navigation, logo, favicon, shareImage, errors);
    }

    private void store(Checked c, String updatedBy, Instant updatedAt) {
        // The logo's size goes with it, so the header can size it without a query.
        Media logo = c.logo() == null ? null : media.findByPath(c.logo()).orElseThrow();
        profiles.update(c.name(), c.description(), c.footer(), c.navigation(), c.logo(),
                logo == null ? null : logo.width(), logo == null ? null : logo.height(), c.favicon(),
                c.shareImage(), updatedAt, updatedBy);
    }

    private boolean isStoredImage(String mediaPath) {
        return media.findByPath(mediaPath).isPresent();
    }

    private SiteProfile effective(@Nullable SiteProfileRow row) {
        if (row == null) {
            return new SiteProfile(defaults.siteName(), null, null, List.of(), null, 0, 0, null, null);
        }
        return new SiteProfile(row.siteName() == null ? defaults.siteName() : row.siteName(), row.description(),
                row.footerText(), links(row.navigation()), url(row.logoPath()),
                row.logoWidth() == null ? 0 : row.logoWidth(), row.logoHeight() == null ? 0 : row.logoHeight(),
                url(row.faviconPath()), url(row.shareImagePath()));
    }

    private static List<NavigationLink> links(@Nullable String navigation) {
        if (navigation == null) {
            return List.of();
        }
        List<NavigationLink> links = new ArrayList<>();
        for (String line : navigation.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                links.add(new NavigationLink(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return List.copyOf(links);
    }

    private static String url(@Nullable String mediaPath) {
        return mediaPath == null ? null : Media.URL_PREFIX + mediaPath;
    }

    private String text(@Nullable String value, String field, int max, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().replace("\r\n", "\n");
        if (StorableText.hasNul(text)) {
            errors.put(field, texts.get("article.nul"));
        } else if (text.codePointCount(0, text.length()) > max) {
            errors.put(field, texts.get("profile.tooLong", max));
        }
        return text;
    }

    /** The menu as stored: "label\thref" lines, topics resolved to their page now. */
    private String navigation(@Nullable String typed, Map<String, String> errors) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        int number = 0;
        for (String raw : typed.split("\r?\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int bar = line.indexOf('|');
            String label = (bar < 0 ? line : line.substring(0, bar)).strip();
            String target = (bar < 0 ? line : line.substring(bar + 1)).strip();
            Optional<String> href = href(target);
            if (label.isEmpty() || label.codePointCount(0, label.length()) > MAX_LABEL || hasControl(label)) {
                errors.put("navigation", texts.get("profile.navigation.label", number, MAX_LABEL));
                return null;
            }
            if (href.isEmpty()) {
                errors.put("navigation", texts.get("profile.navigation.target", number, target));
                return null;
            }
            lines.add(label + "\t" + href.get());
        }
        if (lines.size() > MAX_LINKS) {
            errors.put("navigation", texts.get("profile.navigation.tooMany", MAX_LINKS));
            return null;
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** A topic's page by its name, a path on this site, or an http(s) URL; nothing else (no javascript:, no //host). */
    private Optional<String> href(String target) {
        if (target.isEmpty() || target.length() > MAX_HREF || hasControl(target)) {
            return Optional.empty();
        }
        String lower = target.toLowerCase(Locale.ROOT);
        boolean path = target.startsWith("/");
        boolean web = lower.startsWith("https://") || lower.startsWith("http://");
        if (path || web) {
            boolean safe = !target.contains("\\") && target.chars().noneMatch(Character::isWhitespace)
                    && (path ? !target.startsWith("//") : target.length() > lower.indexOf("//") + 3);
            return safe ? Optional.of(target) : Optional.empty();
        }
        return topics.findByName(target).map(topic -> "/topics/" + topic.slug());
    }

    /** The media path of an uploaded image given by its URL, or null (an error when it is not one). */
    private String image(@Nullable String typed, String field, Predicate<String> isImage, Map<String, String> errors) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String path = typed.strip();
        if (path.startsWith(Media.URL_PREFIX)) {
            path = path.substring(Media.URL_PREFIX.length());
        }
        if (!MediaFiles.isStoredPath(path) || !isImage.test(path)) {
            errors.put(field, texts.get("profile.image", typed.strip()));
            return null;
        }
        return path;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }
}
