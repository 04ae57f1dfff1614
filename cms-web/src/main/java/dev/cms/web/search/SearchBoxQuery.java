package dev.cms.web.search;

import dev.cms.web.site.PageAttributes;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Keeps the reader's query in the header's search box on search pages (the layout prints the
 * top-level {@code searchQuery}), so it can be corrected rather than typed again.
 */
@Singleton
public class SearchBoxQuery implements PageAttributes {

    @Override
    public void contribute(HttpRequest<?> request, Map<String, Object> model) {
        if (request.getPath().equals("/search")) {
            request.getParameters().getFirst("q").ifPresent(q -> model.put("searchQuery", q.strip()));
        }
    }
}
