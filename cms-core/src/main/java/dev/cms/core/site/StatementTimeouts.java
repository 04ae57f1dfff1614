package dev.cms.core.site;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The per-connection statement timeout of {@link DatabaseTimeouts}, in each database's words, and
 * the way around it for the work that may rightly take minutes (a migration building an index on a
 * large table).
 */
public final class StatementTimeouts {

    private StatementTimeouts() {
    }

    /** The statement that bounds every later statement on a connection to {@code millis} (0: none). */
    static String set(String url, long millis) {
        boolean h2 = url == null || url.isBlank() || url.startsWith("jdbc:h2:");
        return h2 ? "SET QUERY_TIMEOUT " + millis : "SET statement_timeout = " + millis;
    }

    /**
     * The pool with no statement timeout on the connections it lends: each is lifted when lent, and
     * leaves the pool when given back (Hikari evicts it then; another takes its place with the timeout).
     */
    public static DataSource lifted(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (result instanceof Connection connection) {
                        run(connection, set(connection.getMetaData().getURL(), 0));
                        return evictedOnClose(connection, pool);
                    }
                    return result;
                });
    }

    private static Connection evictedOnClose(Connection connection, DataSource pool) {
        return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("close") && pool instanceof HikariDataSource hikari) {
                        // Given back already: marked, and closed instead of lent again.
                        hikari.evictConnection(connection);
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
