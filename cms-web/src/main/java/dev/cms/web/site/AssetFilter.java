package dev.cms.web.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves {@link AssetUrls}' fingerprinted URLs from memory, to be kept a year without asking
 * ({@code immutable}): the URL changes with the content. A URL shaped like one with a hash no file
 * has is 404. The plain URL, still linked by pages cached before a change, stays served by the
 * static resources, kept only briefly so a changed file shows.
 */
@ServerFilter("/assets/**")
public class AssetFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String PLAIN = "public, max-age=300";

    private final AssetUrls assets;

    public AssetFilter(AssetUrls assets) {
        this.assets = assets;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> fingerprinted(HttpRequest<?> request) {
        String path = request.getPath();
        return assets.fingerprinted(path)
                .<HttpResponse<?>>map(asset -> HttpResponse.ok(asset.bytes()).contentType(asset.type())
                        .header(HttpHeaders.CACHE_CONTROL, IMMUTABLE))
                .orElseGet(() -> AssetUrls.looksFingerprinted(path) && !assets.isPlain(path) ? HttpResponse.notFound() : null);
    }

    @ResponseFilter
    public void plain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (assets.isPlain(request.getPath()) && response.code() == 200
                && !response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, PLAIN);
        }
    }
}
