package dev.cms.web.article;

import dev.cms.core.article.Article;
import dev.cms.core.topic.Topic;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.CurrentSite;
import dev.cms.web.site.Messages;
import dev.cms.web.site.SiteTime;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private final CurrentSite site;
    private final SiteTime time;
    private final AbsoluteLinks links;
    private final Messages messages;

    public ArticleJsonLd(JsonMapper json, CurrentSite site, SiteTime time, AbsoluteLinks links, Messages messages) {
        this.messages = messages;
        this.json = json;
        this.links = links;
        this.site = site;
        this.time = time;
    }

    /**
     * The article, and the trail to it (home, its first topic, the article) as a
     * {@code BreadcrumbList} that search engines show instead of the bare URL.
     */
    public String of(Article article, List<Topic> topics) {
        String url = links.article(article.slug());
        List<String> topicNames = topics.stream().map(Topic::name).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@type", "Article");
        data.put("headline", article.title());
        data.put("description", article.summary());
        data.put("datePublished", time.iso(article.publishedAt()));
        data.put("dateModified", time.iso(article.updatedAt()));
        data.put("mainEntityOfPage", url);
        data.put("url", url);
        data.put("inLanguage", "zh-CN");
        if (article.featuredImage() != null) {
            data.put("image", links.path(article.featuredImage().url()));
        }
        if (!topicNames.isEmpty()) {
            data.put("keywords", String.join(", ", topicNames));
        }
        // Ordered like the rest: Map.of iterates in an order that changes with every JVM start, so the
        // same page came out as different bytes (another ETag) on each node and after each restart.
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@type", "Organization");
        publisher.put("name", site.profile().siteName());
        data.put("publisher", publisher);
        List<Map<String, Object>> trail = new ArrayList<>();
        trail.add(crumb(1, messages.get("nav.home"), links.home()));
        if (!topics.isEmpty()) {
            trail.add(crumb(2, topics.get(0).name(), links.topic(topics.get(0).slug())));
        }
        trail.add(crumb(trail.size() + 1, article.title(), url));
        Map<String, Object> breadcrumbs = new LinkedHashMap<>();
        breadcrumbs.put("@type", "BreadcrumbList");
        breadcrumbs.put("itemListElement", trail);
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("@context", "https://schema.org");
        graph.put("@graph", List.of(data, breadcrumbs));
        try {
            return new String(json.writeValueAsBytes(graph), StandardCharsets.UTF_8)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> crumb(int position, String name, String url) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "ListItem");
        item.put("position", position);
        item.put("name", name);
        item.put("item", url);
        return item;
    }
}
