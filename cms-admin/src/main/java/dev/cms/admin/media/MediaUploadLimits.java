package dev.cms.admin.media;

import dev.cms.core.media.MediaSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Fits the author node's HTTP limits to {@code cms.media.max-bytes} (CMS_MEDIA_MAX_BYTES), so one
 * setting governs uploads: a file part may be exactly that large (Micronaut's own default is 1 MB),
 * and a request may be that plus room for the multipart framing. A larger upload is stopped while
 * it streams in, without being buffered, and answered by the media page with its message.
 */
@Singleton
public class MediaUploadLimits implements BeanCreatedEventListener<HttpServerConfiguration> {

    /** Boundaries and part headers around the file. */
    static final long FRAMING_BYTES = 64 * 1024;

    private final MediaSettings media;

    public MediaUploadLimits(MediaSettings media) {
        this.media = media;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        server.getMultipart().setMaxFileSize(media.maxBytes());
        long request = media.maxBytes() + FRAMING_BYTES;
        if (server.getMaxRequestSize() < request) {
            server.setMaxRequestSize(request);
        }
        return server;
    }
}
