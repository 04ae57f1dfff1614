package dev.cms.admin.media;

import dev.cms.core.media.MediaRefusal;
import dev.cms.web.site.PageRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * An upload that announces (Content-Length) more bytes than the server accepts is answered with
 * the media page's 413 before any of its body is read, and the body is let go: the server reads
 * and drops the rest, so the browser finishes sending and shows the page. Stopped only once the
 * limit is hit mid-stream, the connection would have to close under the browser, which shows a
 * reset instead. Runs after the security filter, so only signed-in users ever see the page.
 */
@ServerFilter("/admin/media")
public class OversizeUploadFilter implements Ordered {

    private final HttpServerConfiguration server;
    private final MediaAdminController media;
    private final PageRenderer pages;

    public OversizeUploadFilter(HttpServerConfiguration server, MediaAdminController media, PageRenderer pages) {
        this.server = server;
        this.media = media;
        this.pages = pages;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** On the blocking executor: the page lists the library, a database query. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public @Nullable HttpResponse<?> refuseAnnouncedOversize(ServerHttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        long declared = request.getContentLength();
        if (declared <= server.getMaxRequestSize()) {
            return null;
        }
        request.byteBody().allowDiscard();
        return pages.render(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "admin/media/library",
                media.refusalPage(MediaRefusal.TOO_LARGE), request);
    }
}
