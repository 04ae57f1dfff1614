package dev.cms.web.media;

import dev.cms.core.media.Media;
import dev.cms.core.media.MediaFile;
import dev.cms.core.media.MediaService;
import dev.cms.web.error.NotFoundPages;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Uploaded images for readers: /media/yyyy/MM/name.ext. Only files recorded as uploads are served,
 * from the media directory only, with the content type detected at upload and headers that keep
 * browsers from reading them as anything else; everything else is the 404 page.
 */
@Controller("/media")
@Produces({"image/jpeg", "image/png", "image/gif", "image/webp", MediaType.TEXT_HTML})
@ExecuteOn(TaskExecutors.BLOCKING)
public class MediaController {

    /** Stored names are never reused, so a file never changes under its URL. */
    static final Duration CACHE_FOR = Duration.ofDays(365);
    static final String CACHE_CONTROL = "public, max-age=" + CACHE_FOR.toSeconds() + ", immutable";

    private final MediaService media;
    private final NotFoundPages notFound;
    private final Clock clock;

    public MediaController(MediaService media, NotFoundPages notFound, Clock clock) {
        this.media = media;
        this.notFound = notFound;
        this.clock = clock;
    }

    @Get("/{+path}")
    public HttpResponse<?> show(String path, HttpRequest<?> request) {
        // The router hands over the path decoded; a stored path needs no escapes at all, so one
        // that came escaped (an encoded slash, dot or backslash) is not a stored path.
        if (!request.getUri().getRawPath().equals(Media.URL_PREFIX + path)) {
            return notFound.response(request);
        }
        return media.findFile(path).<HttpResponse<?>>map(this::serve).orElseGet(() -> notFound.response(request));
    }

    private HttpResponse<?> serve(MediaFile file) {
        return HttpResponse.ok(new SystemFile(file.file().toFile(), MediaType.of(file.contentType())))
                .contentType(file.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                // Should an image ever be opened as a document, it can run nothing.
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        clock.instant().plus(CACHE_FOR).atZone(ZoneOffset.UTC)));
    }
}
