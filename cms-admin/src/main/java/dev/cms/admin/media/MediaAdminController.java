package dev.cms.admin.media;

import dev.cms.core.media.InvalidMediaException;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaLibrary;
import dev.cms.core.media.MediaRefusal;
import dev.cms.core.media.MediaService;
import dev.cms.core.media.MediaSizes;
import dev.cms.web.site.SiteTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The media library: upload images, see them newest first with their Markdown snippets. Authors
 * may use it too: they will write drafts with images, and an upload only ever adds a file under a
 * new name (nothing here replaces or deletes one).
 */
@Controller("/admin/media")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR", "AUTHOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class MediaAdminController {

    private static final Logger LOG = LoggerFactory.getLogger(MediaAdminController.class);
    static final int PAGE_SIZE = 50;

    private final MediaService media;
    private final SiteTime time;

    public MediaAdminController(MediaService media, SiteTime time) {
        this.media = media;
        this.time = time;
    }

    @Get
    public ModelAndView<?> library(@QueryValue @Nullable Long before, @QueryValue @Nullable Long uploaded) {
        return new ModelAndView<>("admin/media/library", page(before, null, uploaded));
    }

    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> upload(@Part("file") @Nullable CompletedFileUpload file, Authentication user) {
        if (file == null || (file.getFilename().isEmpty() && file.getSize() == 0)) {
            return refused(MediaRefusal.EMPTY, HttpStatus.UNPROCESSABLE_ENTITY);
        }
        try (InputStream content = file.getInputStream()) {
            Media stored = media.store(file.getFilename(), content, user.getName());
            return HttpResponse.seeOther(URI.create("/admin/media?uploaded=" + stored.id()));
        } catch (InvalidMediaException e) {
            LOG.info("Upload by {} refused: {}", user.getName(), e.getMessage());
            return refused(e.refusal(), e.refusal() == MediaRefusal.TOO_LARGE
                    ? HttpStatus.REQUEST_ENTITY_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + file.getFilename(), e);
        }
    }

    /**
     * An upload beyond the limits {@link MediaUploadLimits} gave the server, stopped while it
     * streamed in. The rest of its body is never read, so the connection is closed after the page:
     * left open, the browser would wait with its upload half sent until the idle timeout.
     */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<?> tooLarge(HttpRequest<?> request, ContentLengthExceededException e) {
        LOG.info("Upload {} {} refused: {}", request.getMethod(), request.getPath(), e.getMessage());
        return refused(MediaRefusal.TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close");
    }

    private MutableHttpResponse<?> refused(MediaRefusal refusal, HttpStatus status) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/media/library", page(null, refusal, null)));
    }

    private MediaLibraryPage page(@Nullable Long before, @Nullable MediaRefusal refusal, @Nullable Long uploaded) {
        MediaLibrary library = media.library(before, PAGE_SIZE);
        return new MediaLibraryPage(library.items().stream().map(this::item).toList(), library.olderBefore(),
                media.settings().maxSizeText(), refusal == null ? null : refusal.name(), uploaded);
    }

    private MediaLibraryPage.Item item(Media m) {
        return new MediaLibraryPage.Item(m.id(), m.url(), m.markdown(), m.originalName(), m.contentType(),
                MediaSizes.text(m.sizeBytes()), m.width(), m.height(), m.uploadedBy(), time.format(m.createdAt()));
    }
}
