package dev.cms.web.home;

import java.util.List;

/** The model of the home page: the newest published articles, no bodies. */
public record HomePage(List<Item> articles) {

    /** One article in the list. */
    public record Item(String title, String slug, String summary, String publishedAt, String publishedAtIso) {
    }
}
