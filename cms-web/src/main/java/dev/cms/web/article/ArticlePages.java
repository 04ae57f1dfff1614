package dev.cms.web.article;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleSummary;
import dev.cms.core.article.PublishedArticle;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.related.RelatedLink;
import dev.cms.core.related.RelatedService;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicService;
import dev.cms.web.site.SiteTime;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Makes every {@link ArticlePage}: the public page and the author node's two previews (the edit
 * form's and the shared review link's), so the three cannot drift apart in what they show.
 * Previews carry no ISO times and no JSON-LD, and are marked {@code preview} (noindex, banner).
 */
@Singleton
public class ArticlePages {

    /** What a preview shows for an article that has no publish time yet. */
    static final String NO_TIME = "—";

    private final SiteTime time;
    private final ArticleJsonLd jsonLd;
    private final TopicService topics;
    private final RelatedService related;
    private final MarkdownRenderer markdown;

    public ArticlePages(SiteTime time, ArticleJsonLd jsonLd, TopicService topics, RelatedService related,
                        MarkdownRenderer markdown) {
        this.time = time;
        this.jsonLd = jsonLd;
        this.topics = topics;
        this.related = related;
        this.markdown = markdown;
    }

    /** The public page; everything it shows was read with the article, so this makes no query. */
    public ArticlePage published(PublishedArticle published) {
        Article a = published.article();
        return new ArticlePage(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                time.iso(a.publishedAt()), time.iso(a.updatedAt()), a.bodyHtml(),
                topicLinks(published.topics()), relatedLinks(published.related()),
                jsonLd.of(a, published.topics()), false, link(published.previous()), link(published.next()),
                a.featuredImage() == null ? null : a.featuredImage().url());
    }

    /** A preview of an article's last saved version, whatever its status, with its topics and related list. */
    public ArticlePage preview(Article a) {
        return preview(a.title(), a.slug(), a.summary(), shownTime(a.publishedAt()), a.bodyHtml(),
                topicLinks(topics.topicsOf(a.id())), relatedLinks(related.publishedList(a.id())));
    }

    /**
     * A preview of form values not saved yet. Topics are names only (a new one has no slug yet);
     * the related list is the saved article's, none for an article never saved.
     *
     * @param shownTime    the publish time as the page shows it, already read from the form
     * @param bodyMarkdown the body as typed, rendered here as the save would render it
     * @param savedId      the article being edited, null for a new one
     */
    public ArticlePage preview(String title, String slug, @Nullable String summary, String shownTime,
                               @Nullable String bodyMarkdown, List<String> topicNames, @Nullable Long savedId) {
        return preview(title, slug, summary, shownTime, markdown.toSafeHtml(bodyMarkdown),
                topicNames.stream().map(name -> new ArticlePage.TopicLink(name, name)).toList(),
                savedId == null ? List.of() : relatedLinks(related.publishedList(savedId)));
    }

    /** A publish time as previews show it: the site's format, or a dash when there is none. */
    public String shownTime(@Nullable Instant publishedAt) {
        return publishedAt == null ? NO_TIME : time.format(publishedAt);
    }

    private static ArticlePage preview(String title, String slug, @Nullable String summary, String shownTime,
                                       String bodyHtml, List<ArticlePage.TopicLink> topicLinks,
                                       List<ArticlePage.Link> relatedLinks) {
        return new ArticlePage(title, slug, summary == null ? "" : summary, shownTime, "", "", bodyHtml,
                topicLinks, relatedLinks, "", true, null, null, null);
    }

    private static List<ArticlePage.TopicLink> topicLinks(List<Topic> topics) {
        return topics.stream().map(t -> new ArticlePage.TopicLink(t.name(), t.slug())).toList();
    }

    private static @Nullable ArticlePage.Link link(@Nullable ArticleSummary neighbour) {
        return neighbour == null ? null : new ArticlePage.Link(neighbour.title(), neighbour.slug());
    }

    private static List<ArticlePage.Link> relatedLinks(List<RelatedLink> related) {
        return related.stream().map(r -> new ArticlePage.Link(r.title(), r.slug())).toList();
    }
}
