package dev.cms.web.site;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every public answer: no MIME sniffing, a referrer policy, and a content
 * security policy that allows no script at all (the site needs none; JSON-LD is a data block,
 * which CSP does not apply to) while letting article images come from any https host. Admin
 * pages get a stricter set from the author node's own filter.
 */
@ServerFilter("/**")
public class SecurityHeadersFilter {

    static final String PUBLIC_POLICY = "default-src 'self'; img-src 'self' https: data:; script-src 'none'; "
            + "style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (!isAdmin(request.getPath()) && !response.getHeaders().contains("Content-Security-Policy")) {
            response.getHeaders().set("Content-Security-Policy", PUBLIC_POLICY);
        }
    }

    static boolean isAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }
}
