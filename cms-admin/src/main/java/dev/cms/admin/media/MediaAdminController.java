package dev.cms.admin.media;

import dev.cms.core.media.InvalidMediaException;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaLibrary;
import dev.cms.core.media.MediaRefusal;
import dev.cms.core.media.MediaService;
import dev.cms.core.media.MediaSizes;
import dev.cms.web.site.Messages;
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
import io.micronaut.json.JsonMapper;
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
import java.util.Map;

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
    private final Messages messages;
    private final JsonMapper jsonMapper;

    public MediaAdminController(MediaService media, SiteTime time, Messages messages, JsonMapper jsonMapper) {
        this.media = media;
        this.time = time;
        this.messages = messages;
        this.jsonMapper = jsonMapper;
    }

    @Get
    public ModelAndView<?> library(@QueryValue @Nullable Long before, @QueryValue @Nullable Long uploaded) {
        return new ModelAndView<>("admin/media/library", page(before, null, uploaded));
    }

    /**
     * Stores an uploaded image. A form post gets the library page (303, or the form again with
     * why it was refused); the edit page's insert button asks for JSON ({@code Accept:
     * application/json}) and gets the image's URL and Markdown, or the refusal's message.
     */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    public HttpResponse<?> upload(@Part("file") @Nullable CompletedFileUpload file, Authentication user, HttpRequest<?> request) {
        boolean json = wantsJson(request);
        if (file == null || (file.getFilename().isEmpty() && file.getSize() == 0)) {
            return json ? refusedJson(MediaRefusal.EMPTY, HttpStatus.UNPROCESSABLE_ENTITY)
                    : refused(MediaRefusal.EMPTY, HttpStatus.UNPROCESSABLE_ENTITY);
        }
        try (InputStream content = file.getInputStream()) {
            Media stored = media.store(file.getFilename(), content, user.getName());
            if (json) {
                return json(HttpStatus.CREATED, Map.of("id", stored.id(), "url", stored.url(), "markdown", stored.markdown()));
            }
            return HttpResponse.seeOther(URI.create("/admin/media?uploaded=" + stored.id()));
        } catch (InvalidMediaException e) {
            LOG.info("Upload by {} refused: {}", user.getName(), e.getMessage());
            HttpStatus status = e.refusal() == MediaRefusal.TOO_LARGE
                    ? HttpStatus.REQUEST_ENTITY_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY;
            return json ? refusedJson(e.refusal(), status) : refused(e.refusal(), status);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + file.getFilename(), e);
        }
    }

    /**
     * An upload beyond the limits {@link MediaUploadLimits} gave the server, stopped while it
     * streamed in. The rest of its body is never read, so the connection is closed after the page:
     * left open, the browser would wait with its upload half sent until the idle timeout. Uploads
     * that announce their excess size up front never get here: {@link OversizeUploadFilter}
     * answers them before reading and lets the server drain the rest, so the browser sees the page.
     */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<?> tooLarge(HttpRequest<?> request, ContentLengthExceededException e) {
        LOG.info("Upload {} {} refused: {}", request.getMethod(), request.getPath(), e.getMessage());
        return refused(MediaRefusal.TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close");
    }

    /** Asked for JSON by name, not only through a wildcard, and not for a page. */
    private static boolean wantsJson(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.APPLICATION_JSON))
                && request.accept().stream().noneMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    }

    private MutableHttpResponse<?> refusedJson(MediaRefusal refusal, HttpStatus status) {
        return json(status, Map.of("error", messages.get("admin.media.refused." + refusal.name())
                .replace("{0}", media.settings().maxSizeText())));
    }

    private MutableHttpResponse<?> json(HttpStatus status, Map<String, Object> body) {
        try {
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(jsonMapper.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The library page's model saying why an upload was refused, for answers made before the controller runs. */
    MediaLibraryPage refusalPage(MediaRefusal refusal) {
        return page(null, refusal, null);
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
