package dev.cms.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Where the database is: the one place that turns {@code CMS_DB_URL}, {@code CMS_DB_USER},
 * {@code CMS_DB_PASSWORD} and {@code CMS_DATA_DIR} into connection settings, so the migration
 * command line and the nodes agree on the embedded default.
 */
public record DatabaseSettings(String url, String user, String password) {

    /** H2 options that let one set of migrations and queries serve H2 and PostgreSQL alike. */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * H2's automatic mixed mode, for the embedded file database only: the first process to open the
     * file (normally the running node) serves it to later ones over a TCP port it records in
     * {@code cms.lock.db}, so a command (backup, create-admin, cms-db info) works while the node
     * serves; with no node running, the command opens the file itself.
     */
    public static final String H2_FILE_OPTIONS = ";AUTO_SERVER=TRUE" + DatabaseSettings.H2_DURABLE_COMMITS;

    /**
     * Every commit in the file before it returns, where a restart after {@code kill -9} finds it. By
     * default H2 writes commits up to half a second later, so a killed node lost saves and publishes
     * the editor had been told succeeded, and handed their ids to the next articles. Writing at once
     * is not enough: H2 also writes new commits into space freed inside the file, and after a kill
     * it can miss those and reopen at an older commit (in about half of our kill tests), so commits
     * are appended to the end of the file instead, where it always looks. The file is not fsynced:
     * a commit survives the process being killed, not the machine losing power (PostgreSQL's does
     * both). What appending costs in space is given back when the database is next opened alone
     * ({@link #compactEmbedded()}).
     */
    static final String H2_DURABLE_COMMITS = ";WRITE_DELAY=0;REUSE_SPACE=FALSE";

    /** Below this share of the file holding data (percent), the file is rewritten at open. */
    static final int H2_COMPACT_BELOW_FILL_RATE = 50;

    /** H2's "Database may be already in use": another process has the file open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** The H2 system property naming the address its servers, AUTO_SERVER's included, listen on. */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    public static final String DEFAULT_DATA_DIR = "./data";

    /** The embedded default: an H2 file database named {@code cms} under the data directory. */
    public static String h2FileUrl(String dataDir) {
        keepEmbeddedServerLocal();
        String dir = Path.of(dataDir).toAbsolutePath().normalize().toString().replace('\\', '/');
        return "jdbc:h2:file:" + dir + "/cms" + H2_OPTIONS + H2_FILE_OPTIONS;
    }

    /**
     * Makes AUTO_SERVER listen on 127.0.0.1 only. H2 starts that server with {@code -tcpAllowOthers}
     * on every interface unless {@code h2.bindAddress} is set, and reads that property once, when its
     * settings class loads: so each main method calls this first, and an H2 that loaded earlier
     * without it is refused here rather than left listening to other machines. An operator who set
     * {@code -Dh2.bindAddress} keeps that address.
     */
    public static void keepEmbeddedServerLocal() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
        if (org.h2.engine.SysProperties.BIND_ADDRESS == null) {
            throw new IllegalStateException("H2 was loaded before its server could be kept on 127.0.0.1, so the"
                    + " embedded database would accept connections from other machines; start java with"
                    + " -D" + H2_BIND_ADDRESS + "=127.0.0.1");
        }
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
        String resolvedUrl = url == null || url.isBlank() ? h2FileUrl(nonBlank(dataDir, DEFAULT_DATA_DIR)) : url;
        String resolvedUser = nonBlank(user, resolvedUrl.startsWith("jdbc:h2:") ? "sa" : "");
        return new DatabaseSettings(resolvedUrl, resolvedUser, nonBlank(password, ""));
    }

    /** The same settings with any of the given values (null = keep) replaced. */
    public DatabaseSettings with(String url, String user, String password) {
        return new DatabaseSettings(url != null ? url : this.url,
                user != null ? user : this.user,
                password != null ? password : this.password);
    }

    /**
     * Gives the embedded database file back the space appended commits left behind: when less than
     * half of the file holds data, rewrites it ({@code SHUTDOWN COMPACT}; about 3 s for a site of
     * 20,000 articles whose file had grown to 289 MB, left at 18 MB). Only with the file to itself:
     * it is opened without AUTO_SERVER, so while another process serves it H2 refuses, and nothing
     * is done. Call before the pool opens it; nothing happens for any other database. (Merely
     * reopening with space reuse, as H2's own close-time compaction does, left such a file as it
     * was.)
     */
    public void compactEmbedded() throws SQLException {
        if (!url.startsWith("jdbc:h2:file:") || !url.contains(H2_DURABLE_COMMITS)) {
            return;
        }
        String alone = url.replace(H2_DURABLE_COMMITS, "").replace(";AUTO_SERVER=TRUE", "");
        try (Connection connection = DriverManager.getConnection(alone, user, password);
             Statement statement = connection.createStatement()) {
            int fillRate;
            try (ResultSet rows = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'info.FILL_RATE'")) {
                fillRate = rows.next() ? Integer.parseInt(rows.getString(1).strip()) : 100;
            }
            if (fillRate < H2_COMPACT_BELOW_FILL_RATE) {
                statement.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != H2_DATABASE_ALREADY_OPEN) {
                throw e;
            }
        }
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
