package dev.cms.core.content;

/**
 * The one definition of what a reader may see: an article that is published and whose publish
 * time has come. Every public query concatenates {@link #PUBLISHED} into its SQL (the article table
 * aliased {@code a}, the moment bound as {@code :now}), so the rule is written here only.
 */
public final class Visibility {

    /**
     * The article {@code a} is public at {@code :now}. Spaced on both sides: a text block drops the
     * space before its closing quotes ({@code WHERE """ + PUBLISHED}).
     */
    public static final String PUBLISHED = " a.status = 'PUBLISHED' AND a.published_at <= :now ";

    /** {@link #PUBLISHED} for plain JDBC statements, with {@code ?} for the moment. */
    public static String publishedJdbc() {
        return PUBLISHED.replace(":now", "?");
    }

    private Visibility() {
    }
}
