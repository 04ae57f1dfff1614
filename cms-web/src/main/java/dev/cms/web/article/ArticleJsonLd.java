package dev.cms.web.article;

import dev.cms.core.article.Article;
import dev.cms.core.site.SiteSettings;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.SiteTime;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema.org {@code Article} description search engines read from the page's JSON-LD block.
 * Made with a JSON writer, then {@code < > &} escaped as \\u sequences, so editor text can never
 * close the script element it sits in.
 */
@Singleton
public class ArticleJsonLd {

    private final JsonMapper json;
    private final SiteSettings site;
    private final SiteTime time;
    private final AbsoluteLinks links;

    public ArticleJsonLd(JsonMapper json, SiteSettings site, SiteTime time, AbsoluteLinks links) {
        this.json = json;
        this.links = links;
        this.site = site;
        this.time = time;
    }

    public String of(Article article, List<String> topicNames) {
        String url = links.article(article.slug());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "Article");
        data.put("headline", article.title());
        data.put("description", article.summary());
        data.put("datePublished", time.iso(article.publishedAt()));
        data.put("dateModified", time.iso(article.updatedAt()));
        data.put("mainEntityOfPage", url);
        data.put("url", url);
        data.put("inLanguage", "zh-CN");
        if (!topicNames.isEmpty()) {
            data.put("keywords", String.join(", ", topicNames));
        }
        // Ordered like the rest: Map.of iterates in an order that changes with every JVM start, so the
        // same page came out as different bytes (another ETag) on each node and after each restart.
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@type", "Organization");
        publisher.put("name", site.siteName());
        data.put("publisher", publisher);
        try {
            return new String(json.writeValueAsBytes(data), StandardCharsets.UTF_8)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
