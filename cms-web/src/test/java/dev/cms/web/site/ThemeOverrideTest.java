package dev.cms.web.site;

import dev.cms.core.testing.TempDirs;
import dev.cms.core.testing.TestDatabases;
import dev.cms.web.support.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's theme under the data directory overrides templates and static files, file by file. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemeOverrideTest implements TestPropertyProvider {

    /** Not a real icon: only where it comes from matters. */
    private static final byte[] THEME_ICON = {0, 0, 1, 0, 't', 'h', 'e', 'm', 'e'};

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = TempDirs.create("cms-theme");
            Path views = Files.createDirectories(data.resolve("theme/views/home"));
            Files.writeString(views.resolve("index.ftlh"), """
                    <#import "../layout/base.ftlh" as layout>
                    <@layout.page title="自定义首页"><h1 class="custom">${site.siteName} 的自定义首页</h1></@layout.page>
                    """);
            Path css = Files.createDirectories(data.resolve("theme/public/css"));
            Files.writeString(css.resolve("site.css"), "body { color: rebeccapurple; }\n");
            Path img = Files.createDirectories(data.resolve("theme/public/img"));
            Files.write(img.resolve("favicon.ico"), THEME_ICON);
            Map<String, String> props = new HashMap<>(TestDatabases.h2("theme"));
            props.put("cms.data-dir", data.toString());
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void themeTemplateReplacesBuiltInOneAndOthersStay() {
        Pages pages = new Pages(client);
        assertEquals("我的网站 的自定义首页", pages.get("/").document().selectFirst("h1.custom").text());
        assertEquals(404, pages.get("/articles/none").status());
        assertEquals("页面不存在", pages.get("/articles/none").document().selectFirst("h1").text(), "built-in 404 still used");
    }

    @Test
    void themeStaticFileReplacesBuiltInOne() {
        String css = client.toBlocking().retrieve(HttpRequest.GET("/assets/css/site.css"));
        assertTrue(css.contains("rebeccapurple"), css);
        // The fingerprinted URL pages link is the hash of the theme's file, and serves it.
        String linked = new Pages(client).get("/articles/none").document().selectFirst("link[rel=stylesheet]").attr("href");
        assertTrue(linked.matches("/assets/css/site\\.[0-9a-f]{8}\\.css"), linked);
        assertEquals(css, client.toBlocking().retrieve(HttpRequest.GET(linked)));
    }

    @Test
    void themeIconIsTheOneAskedForAtTheSiteRoot() {
        HttpResponse<byte[]> icon = client.toBlocking().exchange(HttpRequest.GET("/favicon.ico"), byte[].class);
        assertArrayEquals(THEME_ICON, icon.body());
        assertEquals("image/x-icon", icon.getContentType().orElseThrow().toString());
    }
}
