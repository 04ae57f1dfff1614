package dev.cms.admin.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Whether a request reached the site over HTTPS, which decides whether cookies are marked
 * {@code Secure}: always when {@code CMS_COOKIE_SECURE=true}; when the connection to this node is
 * TLS; or, behind a proxy that ends TLS, when the proxy says {@code X-Forwarded-Proto: https}. That
 * header is believed only with {@code CMS_TRUST_FORWARDED_HEADERS=true}, since anyone can send it
 * to a node reachable without the proxy.
 */
@Singleton
public class HttpsRequests {

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final boolean alwaysSecure;
    private final boolean trustForwarded;

    public HttpsRequests(@Value("${micronaut.security.token.cookie.cookie-secure:false}") boolean alwaysSecure,
                         @Value("${cms.trust-forwarded-headers:false}") boolean trustForwarded) {
        this.alwaysSecure = alwaysSecure;
        this.trustForwarded = trustForwarded;
    }

    /** Whether cookies set in answer to this request get {@code Secure}. */
    public boolean cookiesSecure(HttpRequest<?> request) {
        return alwaysSecure || isHttps(request);
    }

    /** Whether the browser used https for this request, as far as this node can tell and trust. */
    public boolean isHttps(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        if (!trustForwarded) {
            return false;
        }
        String proto = request.getHeaders().get(FORWARDED_PROTO);
        if (proto == null) {
            return false;
        }
        // A chain of proxies appends: the first value is what the browser used.
        int comma = proto.indexOf(',');
        return (comma < 0 ? proto : proto.substring(0, comma)).strip().equalsIgnoreCase("https");
    }
}
