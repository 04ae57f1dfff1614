package dev.cms.web.sitemap;

import dev.cms.web.site.AbsoluteLinks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /robots.txt}: crawlers may read the whole public site, not the admin, and find the sitemap. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RobotsController {

    static final String TEXT = "text/plain; charset=utf-8";

    private final String robots;

    public RobotsController(AbsoluteLinks links) {
        this.robots = """
                User-agent: *
                Disallow: /admin

                Sitemap: %s
                """.formatted(links.path("/sitemap.xml"));
    }

    @Get(value = "/robots.txt", produces = TEXT)
    public HttpResponse<String> robots() {
        return HttpResponse.ok(robots).contentType(TEXT).header(HttpHeaders.CACHE_CONTROL, SitemapController.CACHE_CONTROL);
    }
}
