package dev.cms.web.health;

import dev.cms.web.purge.PurgeWebhook;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "purge" in /health: the CDN purge webhook's state as a detail ({@code delivering}, or
 * {@code failing} with since when and the last error), its status always UP. A CDN that refuses
 * purges leaves this node as fit to serve readers as before, and every node posts to the same
 * webhook: DOWN here would take every node out of the load balancer at once. The alert is
 * {@code cms_purge_failures_total} and the WARN line of each delivery given up.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
public class PurgeHealthIndicator implements HealthIndicator {

    private static final String NAME = "purge";

    private final PurgeWebhook webhook;

    public PurgeHealthIndicator(PurgeWebhook webhook) {
        this.webhook = webhook;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!webhook.enabled()) {
            details.put("state", "off");
        } else if (webhook.failingSince() == null) {
            details.put("state", "delivering");
        } else {
            details.put("state", "failing");
            details.put("since", webhook.failingSince().toString());
            details.put("error", String.valueOf(webhook.lastFailure()));
        }
        return Publishers.just(HealthResult.builder(NAME, HealthStatus.UP).details(details).build());
    }
}
