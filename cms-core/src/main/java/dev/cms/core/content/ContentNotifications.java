package dev.cms.core.content;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes every committed content change to this node at once, on PostgreSQL: {@link ContentVersion}
 * sends {@code NOTIFY} in the changing transaction, delivered at its commit, and this class keeps
 * one connection of its own (outside the pool, whose connections come and go) listening, calling
 * each listener (the page cache's version check) when a notice arrives. Reconnects after a failure,
 * waiting longer each time up to 30 s, and calls the listeners after each (re)connection since
 * notices sent meanwhile are lost. Polling stays the fallback: on H2, which has no such push, it is
 * the only way.
 */
@Singleton
public class ContentNotifications implements AutoCloseable {

    static final String CHANNEL = "cms_content";
    private static final Logger LOG = LoggerFactory.getLogger(ContentNotifications.class);
    /** How long a wait for notices lasts before the connection is checked with a query. */
    private static final int IDLE_CHECK_MILLIS = 10_000;

    private final String url;
    private final String username;
    private final String password;
    private final boolean enabled;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    public ContentNotifications(@Nullable @Value("${datasources.default.url:}") String url,
                                @Nullable @Value("${datasources.default.username:}") String username,
                                @Nullable @Value("${datasources.default.password:}") String password,
                                @Value("${cms.page-cache.push:true}") boolean push) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.enabled = push && url != null && url.startsWith("jdbc:postgresql:");
    }

    /** Calls {@code listener} on the listening thread whenever another change may have committed. */
    public synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (enabled && thread == null && !closed) {
            thread = new Thread(this::run, "content-notifications");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether a connection is listening now (false on H2, or while reconnecting). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        Duration wait = Duration.ofSeconds(1);
        while (!closed) {
            try (Connection db = connect()) {
                connection = db;
                try (Statement listen = db.createStatement()) {
                    listen.execute(ContentVersionRepository.LISTEN);
                }
                if (!listening) {
                    LOG.info("Listening for content changes on PostgreSQL channel {}", CHANNEL);
                }
                listening = true;
                wait = Duration.ofSeconds(1);
                notifyListeners();
                PGConnection notices = db.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notices.getNotifications(IDLE_CHECK_MILLIS);
                    if (received != null && received.length > 0) {
                        notifyListeners();
                    } else {
                        try (Statement alive = db.createStatement()) {
                            alive.execute("SELECT 1");
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (listening) {
                    LOG.warn("Listening for content changes failed ({}); polling only until it reconnects", e.getMessage());
                }
                listening = false;
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (username != null && !username.isEmpty()) {
            properties.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        // Longer than a wait for notices, so only a dead connection times out.
        properties.setProperty("socketTimeout", String.valueOf(IDLE_CHECK_MILLIS / 1000 * 3));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "cms content notifications");
        Connection db = DriverManager.getConnection(url, properties);
        db.setAutoCommit(true);
        return db;
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A content change listener failed: {}", e.getMessage());
            }
        }
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        Connection db = connection;
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
