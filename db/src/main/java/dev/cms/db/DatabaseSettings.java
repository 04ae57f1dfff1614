package dev.cms.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the database is: the one place that turns {@code CMS_DB_URL}, {@code CMS_DB_USER},
 * {@code CMS_DB_PASSWORD} and {@code CMS_DATA_DIR} into connection settings, so the migration
 * command line and the nodes agree on the embedded default.
 */
public record DatabaseSettings(String url, String user, String password) {

    /** H2 options that let one set of migrations and queries serve H2 and PostgreSQL alike. */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public static final String DEFAULT_DATA_DIR = "./data";

    /** The embedded default: an H2 file database named {@code cms} under the data directory. */
    public static String h2FileUrl(String dataDir) {
        String dir = Path.of(dataDir).toAbsolutePath().normalize().toString().replace('\\', '/');
        return "jdbc:h2:file:" + dir + "/cms" + H2_OPTIONS;
    }

    /** Settings from the environment, falling back to the embedded H2 default. */
    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        return resolve(env.get("CMS_DB_URL"), env.get("CMS_DB_USER"), env.get("CMS_DB_PASSWORD"),
                env.get("CMS_DATA_DIR"));
    }

    /**
     * Settings from the environment where the given values (null = not given) take precedence, as
     * command-line options do. Unlike {@link #with}, the H2 user default follows the resulting URL:
     * {@code --url jdbc:postgresql:...} on a machine whose environment names no database does not
     * connect to PostgreSQL as H2's "sa".
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, String url, String user,
                                                   String password) {
        return resolve(url != null ? url : env.get("CMS_DB_URL"),
                user != null ? user : env.get("CMS_DB_USER"),
                password != null ? password : env.get("CMS_DB_PASSWORD"),
                env.get("CMS_DATA_DIR"));
    }

    /**
     * Fills what is not given: no URL means the embedded H2 file database under the data directory,
     * and H2 always gets the same user ("sa"), because H2 only accepts the user that created the file.
     */
    public static DatabaseSettings resolve(String url, String user, String password, String dataDir) {
        String resolvedUrl = nonBlank(url, h2FileUrl(nonBlank(dataDir, DEFAULT_DATA_DIR)));
        String resolvedUser = nonBlank(user, resolvedUrl.startsWith("jdbc:h2:") ? "sa" : "");
        return new DatabaseSettings(resolvedUrl, resolvedUser, nonBlank(password, ""));
    }

    /** The same settings with any of the given values (null = keep) replaced. */
    public DatabaseSettings with(String url, String user, String password) {
        return new DatabaseSettings(url != null ? url : this.url,
                user != null ? user : this.user,
                password != null ? password : this.password);
    }

    /** The URL without credentials or options, fit for messages and logs. */
    public String displayUrl() {
        int semicolon = url.indexOf(';');
        int query = url.indexOf('?');
        int cut = semicolon >= 0 ? semicolon : query >= 0 ? query : url.length();
        return url.substring(0, cut);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
