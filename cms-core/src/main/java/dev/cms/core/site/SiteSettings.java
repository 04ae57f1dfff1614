package dev.cms.core.site;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * What an operator sets about the site (name, base URL, time zone, data directory, list sizes);
 * bound from {@code cms.*}, each with an environment variable in application.yml. A blank base
 * URL (CMS_BASE_URL not set) is the local one, {@code http://localhost:<CMS_PORT>}.
 */
@ConfigurationProperties("cms")
public record SiteSettings(
        @Bindable(defaultValue = "我的网站") String siteName,
        @Nullable String baseUrl,
        @Bindable(defaultValue = "Asia/Shanghai") String timeZone,
        @Bindable(defaultValue = "./data") String dataDir,
        @Bindable(defaultValue = "100") int relatedLimit,
        @Bindable(defaultValue = "20") int homePageSize,
        @Bindable(defaultValue = "http://localhost:8080") String localBaseUrl) {

    public SiteSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = localBaseUrl;
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** The base URL without a trailing slash, for building absolute links. */
    public String baseUrlNoSlash() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
