package dev.cms.web.site;

import dev.cms.core.article.ArticleSummary;
import dev.cms.core.article.FeaturedImage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
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
                        time.iso(a.publishedAt()), thumbnail(a.featuredImage())))
                .toList();
    }

    private static ArticleListItem.@Nullable Thumbnail thumbnail(@Nullable FeaturedImage image) {
        if (image == null) {
            return null;
        }
        List<FeaturedImage.Variant> variants = image.variants();
        List<String> candidates = new ArrayList<>();
        variants.forEach(v -> candidates.add(v.url() + " " + v.width() + "w"));
        candidates.add(image.url() + " " + image.width() + "w");
        return new ArticleListItem.Thumbnail(variants.isEmpty() ? image.url() : variants.get(0).url(),
                String.join(", ", candidates));
    }
}
