package dev.cms.web.site;

import io.micronaut.http.HttpRequest;

import java.util.Map;

/**
 * Something every rendered page may need beyond its own model (the author node adds the CSRF
 * token and the signed-in user this way). Collected by {@link SiteModelProcessor}.
 */
public interface PageAttributes {

    void contribute(HttpRequest<?> request, Map<String, Object> model);
}
