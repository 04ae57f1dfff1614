package dev.cms.web.site;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a page to HTML right away, with the same model every page gets. For answers made outside
 * a controller (error handlers, filters), where the views filter may not see the response.
 */
@Singleton
public class PageRenderer {

    private final FreemarkerViewsRenderer<Object> renderer;
    private final SiteModelProcessor processor;

    public PageRenderer(FreemarkerViewsRenderer<Object> renderer, SiteModelProcessor processor) {
        this.renderer = renderer;
        this.processor = processor;
    }

    public MutableHttpResponse<String> render(HttpStatus status, String view, Object page, HttpRequest<?> request) {
        ModelAndView<Object> modelAndView = new ModelAndView<>(view, page);
        processor.process(request, modelAndView);
        StringWriter html = new StringWriter();
        try {
            renderer.render(view, modelAndView.getModel().orElseThrow(), request).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .body(html.toString());
    }
}
