package dev.cms.web.health;

import dev.cms.core.schema.WriteProbe;
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

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * "writes" in /health: DOWN while the database refuses a write, although it may still answer
 * reads (the jdbc indicator's check), so a load balancer and an operator learn that editors cannot
 * save before the editors do.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
public class WritesHealthIndicator implements HealthIndicator {

    private static final String NAME = "writes";

    private final WriteProbe probe;
    private final ExecutorService executor;

    public WritesHealthIndicator(WriteProbe probe, @Named(TaskExecutors.IO) ExecutorService executor) {
        this.probe = probe;
        this.executor = executor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return new AsyncSingleResultPublisher<>(executor, this::result);
    }

    private HealthResult result() {
        try {
            probe.check();
            return HealthResult.builder(NAME, HealthStatus.UP).build();
        } catch (SQLException | RuntimeException e) {
            return HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }
}
