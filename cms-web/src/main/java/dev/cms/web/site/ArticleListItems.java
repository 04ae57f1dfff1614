package dev.cms.web.site;

import dev.cms.core.article.ArticleSummary;
import jakarta.inject.Singleton;

import java.util.List;

/** Turns list rows from the core into what list templates show (home, topic, archive and 404 pages). */
@Singleton
public class ArticleListItems {

    private final SiteTime time;

    public ArticleListItems(SiteTime time) {
        this.time = time;
    }

    public List<ArticleListItem> of(List<ArticleSummary> summaries) {
        return summaries.stream()
                .map(a -> new ArticleListItem(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                        time.iso(a.publishedAt())))
                .toList();
    }
}
