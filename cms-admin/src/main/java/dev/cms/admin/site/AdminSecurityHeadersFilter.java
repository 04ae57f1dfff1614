package dev.cms.admin.site;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The admin's headers: scripts and styles only from this site, never framed (clickjacking),
 * forms only posting here, nothing cached (pages carry drafts and CSRF tokens), no referrer
 * leaving the site.
 */
@ServerFilter({"/admin", "/admin/**"})
public class AdminSecurityHeadersFilter {

    static final String ADMIN_POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("Content-Security-Policy", ADMIN_POLICY);
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "same-origin");
        response.getHeaders().set("Cache-Control", "no-store");
    }
}
