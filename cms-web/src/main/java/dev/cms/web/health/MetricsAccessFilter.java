package dev.cms.web.health;

import dev.cms.web.error.NotFoundPages;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps {@code /prometheus} from the public: it names routes, counts and timings, the pool, memory.
 * With a management port ({@code CMS_MANAGEMENT_PORT}) it is served only there, to whoever reaches
 * that port (Micronaut already keeps it off the site's port). Without one, only requests from
 * {@code CMS_METRICS_ALLOWED} (default: this machine, 127.0.0.0/8 and ::1) get it; anyone else gets
 * the site's 404 page, as for any URL that does not exist. A request that came through a proxy
 * (Forwarded, X-Forwarded-For, X-Real-IP) counts as coming from every address named there too, so a
 * reverse proxy on this machine does not make the metrics public. {@code /health} stays open.
 */
@ServerFilter({"/prometheus", "/prometheus/**"})
public class MetricsAccessFilter {

    private final boolean managementPort;
    private final AllowedAddresses allowed;
    private final NotFoundPages notFound;

    public MetricsAccessFilter(@Value("${endpoints.all.port:}") String managementPort,
                               @Value("${cms.metrics.allowed:127.0.0.0/8,::1}") String allowed, NotFoundPages notFound) {
        this.managementPort = managementPort != null && !managementPort.isBlank();
        this.allowed = AllowedAddresses.parse(allowed);
        this.notFound = notFound;
    }

    /** Runs on the blocking executor: the 404 page lists the newest articles from the database. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public @Nullable HttpResponse<?> check(HttpRequest<?> request) {
        if (managementPort || isAllowed(request)) {
            return null;
        }
        return notFound.response(request);
    }

    private boolean isAllowed(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null || !allowed.allows(peer.getAddress())) {
            return false;
        }
        return forwardedFor(request).stream().allMatch(allowed::allows);
    }

    /** Every client address a proxy put into the request's headers. */
    private static List<String> forwardedFor(HttpRequest<?> request) {
        List<String> addresses = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String address : header.split(",")) {
                addresses.add(address.strip());
            }
        }
        addresses.addAll(request.getHeaders().getAll("X-Real-IP"));
        for (String header : request.getHeaders().getAll("Forwarded")) {
            for (String element : header.split("[,;]")) {
                String pair = element.strip();
                if (pair.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    String value = pair.substring(4).replace("\"", "");
                    // for=192.0.2.1:4711 or for="[2001:db8::1]:4711": the port is not part of the address.
                    if (!value.startsWith("[") && value.indexOf(':') == value.lastIndexOf(':') && value.contains(":")) {
                        value = value.substring(0, value.indexOf(':'));
                    }
                    addresses.add(value);
                }
            }
        }
        return addresses;
    }
}
