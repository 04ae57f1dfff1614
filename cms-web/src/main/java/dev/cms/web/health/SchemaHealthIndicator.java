package dev.cms.web.health;

import dev.cms.core.schema.DatabaseSchema;
import dev.cms.db.SchemaState;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * "schema" in /health: DOWN while a migration is pending or failed (or the database cannot be
 * read), so a load balancer sends no reader to a node whose queries would fail. Migrations a newer
 * build has already applied keep it UP, so older nodes serve on during a rolling deploy.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
public class SchemaHealthIndicator implements HealthIndicator {

    private static final String NAME = "schema";

    private final DatabaseSchema schema;
    private final ExecutorService executor;

    public SchemaHealthIndicator(DatabaseSchema schema, @Named(TaskExecutors.IO) ExecutorService executor) {
        this.schema = schema;
        this.executor = executor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return new AsyncSingleResultPublisher<>(executor, this::result);
    }

    private HealthResult result() {
        try {
            SchemaState state = schema.state();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", state.version());
            if (!state.current()) {
                details.put("problems", state.problems());
            }
            return HealthResult.builder(NAME, state.current() ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(details).build();
        } catch (RuntimeException e) {
            // The reason in the details, not a stack trace in the log at every poll of the load
            // balancer: the jdbc indicator already logs that the database is unreachable.
            return HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }
}
