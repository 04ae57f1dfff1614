package dev.cms.admin.article;

import dev.cms.core.article.ArticleAdminRow;
import dev.cms.core.article.ArticleStatus;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The editor's article list: one keyset page of rows, the key of the next page ({@code next}, none
 * on the last), the filter as typed (to show it and to carry it to the next page), and the statuses
 * one may filter by.
 */
public record ArticleListPage(List<ArticleAdminRow> articles, @Nullable String next, Filter filter,
                              List<ArticleStatus> statuses) {

    /** The filter as the form shows it: each field as typed, or empty; {@code sort} is "updated" or "published". */
    public record Filter(String status, String topic, String author, String q, String sort) {
    }
}
