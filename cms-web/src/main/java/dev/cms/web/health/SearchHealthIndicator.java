package dev.cms.web.health;

import dev.cms.core.search.SearchIndex;
import dev.cms.core.search.SearchIndexUpdates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * "search" in /health: DOWN until this node's search index is complete (at a first start, while
 * it is built from the database; after damage, while it is rebuilt), so a load balancer sends
 * searches only to nodes that can answer them. An operator's online reindex keeps it UP: the
 * old index answers until the new one is done.
 */
@Singleton
@Requires(beans = {HealthEndpoint.class, SearchIndexUpdates.class})
public class SearchHealthIndicator implements HealthIndicator {

    private static final String NAME = "search";

    private final SearchIndex index;

    public SearchHealthIndicator(SearchIndex index) {
        this.index = index;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean ready = index.isReady();
        String state = ready ? (index.isBuilding() ? "ready, rebuilding" : "ready")
                : index.isBuilding() ? "building" : "unavailable";
        return Publishers.just(HealthResult.builder(NAME, ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state)).build());
    }
}
