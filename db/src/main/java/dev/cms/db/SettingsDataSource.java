package dev.cms.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The connections Flyway uses, opened straight from {@link DatabaseSettings}. It remembers why a
 * connection could not be opened, so that a failure can be reported as "cannot connect" rather
 * than as whatever Flyway wraps it in.
 */
final class SettingsDataSource implements DataSource {

    private final DatabaseSettings settings;
    private volatile SQLException connectFailure;

    SettingsDataSource(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Why the last attempt to connect failed, or null if every attempt succeeded. */
    SQLException connectFailure() {
        return connectFailure;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        // An empty user would be sent as is; leaving it out lets the driver use its own default.
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        try {
            Connection connection = DriverManager.getConnection(settings.url(), properties);
            connectFailure = null;
            return connection;
        } catch (SQLException e) {
            connectFailure = e;
            throw e;
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user comes from the database settings");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging stays off.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The driver's own connect timeout applies.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
