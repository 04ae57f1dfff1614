package dev.cms.core.site;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Bounds how long anything waits for the database, so an outage gives prompt errors (a 503 page,
 * an editor's "nothing was lost") rather than requests that hang and pile up:
 * <ul>
 * <li>{@code cms.db.connection-timeout} ({@code CMS_DB_CONNECTION_TIMEOUT}, default 2s): the
 * longest a request waits for a pooled connection (Hikari's default is 30 s, long enough for every
 * reader to give up and every request thread to be taken);</li>
 * <li>{@code cms.db.socket-timeout} ({@code CMS_DB_SOCKET_TIMEOUT}, default 5s, 0 = none), on
 * PostgreSQL only: the driver's connect, login and read timeouts, plus TCP keep-alive. Without them a
 * database host that stops answering (rather than refusing) holds every query on it for the
 * operating system's TCP timeout, minutes to hours. It also bounds the longest single statement.</li>
 * <li>{@code cms.db.statement-timeout} ({@code CMS_DB_STATEMENT_TIMEOUT}, default 30s, 0 = none): the
 * longest any statement runs in the database itself (PostgreSQL's {@code statement_timeout}, H2's
 * {@code QUERY_TIMEOUT}), set on every pooled connection. A reader who gives up, or a socket
 * timeout, ends the request but not its query, which went on holding a core: this ends it.
 * Migrations lift it for their own connections ({@link StatementTimeouts#lifted}); commands run
 * without it unless it is set.</li>
 * </ul>
 * Options in the JDBC URL, and an explicit {@code datasources.*.connection-timeout}, win.
 */
@Singleton
public class DatabaseTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** Hikari refuses less. */
    private static final long MIN_CONNECTION_TIMEOUT_MILLIS = 250;

    private final Duration connectionTimeout;
    private final Duration socketTimeout;
    private final Duration statementTimeout;
    private final Environment environment;

    public DatabaseTimeouts(@Value("${cms.db.connection-timeout:2s}") Duration connectionTimeout,
                            @Value("${cms.db.socket-timeout:5s}") Duration socketTimeout,
                            @Value("${cms.db.statement-timeout:30s}") Duration statementTimeout, Environment environment) {
        this.connectionTimeout = connectionTimeout;
        this.socketTimeout = socketTimeout;
        this.statementTimeout = statementTimeout;
        this.environment = environment;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (!environment.containsProperty("datasources." + config.getName() + ".connection-timeout")) {
            long millis = Math.max(MIN_CONNECTION_TIMEOUT_MILLIS, connectionTimeout.toMillis());
            config.setConnectionTimeout(millis);
            // Checking an idle connection must fit in the wait, or a dead one uses it all up.
            config.setValidationTimeout(Math.max(MIN_CONNECTION_TIMEOUT_MILLIS, Math.min(1000, millis / 2)));
        }
        String url = config.getConfiguredUrl();
        if (url != null && url.startsWith("jdbc:postgresql:") && !socketTimeout.isZero()) {
            // pgjdbc takes whole seconds; the URL's own options override these.
            String seconds = String.valueOf(Math.max(1, (socketTimeout.toMillis() + 999) / 1000));
            config.addDataSourceProperty("socketTimeout", seconds);
            config.addDataSourceProperty("connectTimeout", seconds);
            config.addDataSourceProperty("loginTimeout", seconds);
            config.addDataSourceProperty("tcpKeepAlive", "true");
        }
        if (!statementTimeout.isZero()) {
            if (url != null && url.startsWith("jdbc:postgresql:")) {
                // A startup parameter of the session: no statement runs when a connection is made.
                config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
            } else if (config.getConnectionInitSql() == null) {
                config.setConnectionInitSql(StatementTimeouts.set(url, statementTimeout.toMillis()));
            }
        }
        return config;
    }
}
