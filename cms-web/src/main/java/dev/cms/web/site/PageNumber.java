package dev.cms.web.site;

import dev.cms.core.article.ArticleListService;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads a page number from a URL: digits only, 1 up to a sane maximum; anything else is no page. */
public final class PageNumber {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");

    private PageNumber() {
    }

    public static OptionalInt parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            return OptionalInt.empty();
        }
        int page = Integer.parseInt(text);
        return page >= 1 && page <= ArticleListService.MAX_PAGE ? OptionalInt.of(page) : OptionalInt.empty();
    }
}
