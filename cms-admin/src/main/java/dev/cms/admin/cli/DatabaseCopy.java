package dev.cms.admin.cli;

import dev.cms.db.DatabaseSettings;
import dev.cms.db.SchemaMigrations;
import dev.cms.db.SchemaState;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An H2 database file that no node uses: the copy a backup takes, or the one a restore wrote. It is
 * opened in this process alone (no AUTO_SERVER), only if the file is there, with the options the
 * site's queries and migrations need.
 */
final class DatabaseCopy {

    /** What the manifest counts, and the table each count comes from. */
    private static final Map<String, String> TABLES = Map.of("articles", "article", "topics", "topic",
            "users", "app_user", "media", "media");

    private final JdbcDataSource dataSource = new JdbcDataSource();

    /**
     * @param directory the directory holding {@code cms.mv.db}
     * @param password  the database's password: the site's generated one (empty for a database made
     *                  before there was one)
     */
    DatabaseCopy(Path directory, String password) {
        String dir = directory.toAbsolutePath().normalize().toString().replace('\\', '/');
        dataSource.setURL("jdbc:h2:file:" + dir + "/cms" + DatabaseSettings.H2_OPTIONS + ";IFEXISTS=TRUE");
        dataSource.setUser("sa");
        dataSource.setPassword(password);
    }

    /** Rows per counted table, in {@link BackupManifest#COUNTED} order. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String name : BackupManifest.COUNTED) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + TABLES.get(name))) {
                    rows.next();
                    counts.put(name, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The schema compared with this build's migrations. */
    SchemaState schema() {
        return new SchemaMigrations(dataSource).check();
    }
}
