package dev.cms.admin.preview;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Shared previews are unpublished drafts: never indexed, never stored by a cache or the browser,
 * and the token in their URL is never sent on as a referrer. Ordered first so its response side
 * runs last, after the public site's own headers filter has set its referrer policy.
 */
@ServerFilter("/preview/**")
@Order(-1000)
public class SharedPreviewHeadersFilter {

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Robots-Tag", "noindex, nofollow");
        response.getHeaders().set("Cache-Control", "no-store");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
    }
}
