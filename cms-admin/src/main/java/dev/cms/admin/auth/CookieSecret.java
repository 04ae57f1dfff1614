package dev.cms.admin.auth;

import dev.cms.core.site.SiteSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs login cookies and CSRF tokens: {@code CMS_COOKIE_SECRET} when given
 * (set the same value on every author node), else generated once and kept in
 * {@code <data-dir>/cookie-secret} so logins survive restarts.
 */
@Singleton
public class CookieSecret {

    private static final int MIN_LENGTH = 32;
    private final String value;

    public CookieSecret(@Value("${cms.cookie-secret:}") String configured, SiteSettings site) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalStateException("CMS_COOKIE_SECRET must be at least " + MIN_LENGTH + " characters long");
            }
            this.value = configured;
        } else {
            this.value = storedSecret(site.dataPath().resolve("cookie-secret"));
        }
    }

    public String value() {
        return value;
    }

    private static String storedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (stored.length() >= MIN_LENGTH) {
                    return stored;
                }
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, generated, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            restrictToOwner(file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the cookie secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data directory's own permissions have to do.
        }
    }
}
