package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.views.exceptions.ViewRenderingException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code .ftlh} templates with HTML auto-escaping. Templates come from the operator's
 * theme directory ({@code <data-dir>/theme/views}) when present there, else from the built-in theme.
 */
@Singleton
@Produces(MediaType.TEXT_HTML)
public class FreemarkerViewsRenderer<T> implements ViewsRenderer<T, HttpRequest<?>> {

    private static final String EXTENSION = ".ftlh";
    /** An article page with a long related list is about 30 KB. */
    private static final int INITIAL_BYTES = 32 * 1024;
    private final Configuration configuration;

    public FreemarkerViewsRenderer(SiteSettings site) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(templateLoader(site.dataPath().resolve("theme").resolve("views")));
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        // Templates are read once (the README says so for themes): no look at each file's time every
        // few seconds, and no search for per-locale variants (show_zh_CN.ftlh ...) the site never has,
        // since its words come from Messages.
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        cfg.setLocalizedLookup(false);
        this.configuration = cfg;
    }

    private static TemplateLoader templateLoader(Path themeViews) {
        List<TemplateLoader> loaders = new ArrayList<>();
        if (Files.isDirectory(themeViews)) {
            try {
                loaders.add(new FileTemplateLoader(themeViews.toFile()));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read theme templates in " + themeViews + ": " + e.getMessage(), e);
            }
        }
        loaders.add(new ClassTemplateLoader(FreemarkerViewsRenderer.class.getClassLoader(), "views"));
        return new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
    }

    /**
     * Renders the whole page before anything is sent: a template error then becomes a proper 500
     * page instead of a response cut off after its headers. The page is encoded to UTF-8 as it is
     * rendered, once: encoding a finished string through the response's writer cost more than
     * rendering it.
     */
    @Override
    public RenderedPage render(String viewName, T data, HttpRequest<?> request) {
        Template template = template(viewName);
        Utf8Writer html = new Utf8Writer(INITIAL_BYTES);
        try {
            template.process(data, html);
        } catch (TemplateException | IOException e) {
            throw new ViewRenderingException("Error rendering template " + viewName + ": " + e.getMessage(), e);
        }
        return new RenderedPage(html.toByteArray());
    }

    @Override
    public boolean exists(String viewName) {
        try {
            return configuration.getTemplate(viewName + EXTENSION, null, null, true, true) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private Template template(String viewName) {
        try {
            return configuration.getTemplate(viewName + EXTENSION);
        } catch (IOException e) {
            throw new ViewRenderingException("Cannot load template " + viewName + ": " + e.getMessage(), e);
        }
    }
}
