package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Shows stored UTC instants in the site's time zone, as readers expect: 2024-05-28 02:54:57. */
@Singleton
public class SiteTime {

    private final DateTimeFormatter dateTime;

    public SiteTime(SiteSettings site) {
        this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(site.zone());
    }

    public String format(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(dateTime.getZone()));
    }
}
