package dev.cms.web.site;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.resource.StaticResourceResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * {@code /favicon.ico}, which browsers, feed readers and crawlers ask for without being told: the
 * icon pages link to as {@code /assets/img/favicon.ico}, a theme's own if it has one. Pages also
 * link to the SVG version, which browsers that read SVG icons prefer.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class FaviconController {

    static final String ICON = "/assets/img/favicon.ico";
    static final MediaType ICO = MediaType.of("image/x-icon");
    /** A day: long enough to spare every page view a request, short enough for a new theme icon to show. */
    static final String CACHE_CONTROL = "public, max-age=86400";

    private final StaticResourceResolver resources;

    public FaviconController(StaticResourceResolver resources) {
        this.resources = resources;
    }

    @Get(value = "/favicon.ico", produces = "image/x-icon")
    public HttpResponse<byte[]> favicon() {
        URL icon = resources.resolve(ICON).orElseThrow(() -> new IllegalStateException(ICON + " is missing from the theme"));
        try (InputStream in = icon.openStream()) {
            return HttpResponse.ok(in.readAllBytes()).contentType(ICO).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + icon, e);
        }
    }
}
