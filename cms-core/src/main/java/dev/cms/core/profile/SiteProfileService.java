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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(edit.siteName(), "siteName", MAX_NAME, errors);
        String description = text(edit.description(), "description", MAX_DESCRIPTION, errors);
        String footer = text(edit.footerText(), "footerText", MAX_FOOTER, errors);
        String navigation = navigation(edit.navigation(), errors);
        Media logo = image(edit.logoUrl(), "logoUrl", errors);
        Media favicon = image(edit.faviconUrl(), "faviconUrl", errors);
        Media shareImage = image(edit.shareImageUrl(), "shareImageUrl", errors);
        if (!errors.isEmpty()) {
            throw new InvalidSiteProfileException(errors);
        }
        profiles.update(name, description, footer, navigation, logo == null ? null : logo.path(),
                logo == null ? null : logo.width(), logo == null ? null : logo.height(),
                favicon == null ? null : favicon.path(), shareImage == null ? null : shareImage.path(),
                clock.instant(), actor.username());
        audit.record(actor.username(), "site-settings", "site", name == null ? defaults.siteName() : name, address);
        contentVersion.raise();
        return current();
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

    private Media image(@Nullable String typed, String field, Map<String, String> errors) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String path = typed.strip();
        if (path.startsWith(Media.URL_PREFIX)) {
            path = path.substring(Media.URL_PREFIX.length());
        }
        Optional<Media> image = MediaFiles.isStoredPath(path) ? media.findByPath(path) : Optional.empty();
        if (image.isEmpty()) {
            errors.put(field, texts.get("profile.image", typed.strip()));
            return null;
        }
        return image.get();
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }
}
