package dev.cms.admin.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * The address of the browser behind a request, for the login throttle and the audit log. Behind a
 * proxy every connection comes from the proxy, so one address guessing passwords would have every
 * editor refused: with {@code CMS_TRUST_FORWARDED_HEADERS=true} the address is the one the proxy
 * wrote last into {@code X-Forwarded-For} (the one it saw; earlier values were sent by the browser
 * and prove nothing). Without it the header is ignored, since anyone can send it to a node that is
 * reachable without the proxy, and a fresh value per attempt would escape the throttle.
 */
@Singleton
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** An IPv4 or IPv6 address as proxies write them; anything else is not taken for one. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final boolean trustForwarded;

    public ClientAddresses(@Value("${cms.trust-forwarded-headers:false}") boolean trustForwarded) {
        this.trustForwarded = trustForwarded;
    }

    public String of(HttpRequest<?> request) {
        if (trustForwarded) {
            String forwarded = request.getHeaders().getAll(FORWARDED_FOR).stream().reduce((a, b) -> b).orElse(null);
            if (forwarded != null) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
                if (ADDRESS.matcher(last).matches()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
