package dev.cms.core.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns titles and names into URL slugs. Letters of any script are kept (a Chinese title gives a
 * Chinese slug, which browsers show readably), everything else collapses to single hyphens.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 80;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}_]+");
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_]+(-[\\p{L}\\p{N}_]+)*");

    private Slugs() {
    }

    /** A slug made from free text; "article" when nothing usable remains. */
    public static String fromText(String text, String fallback) {
        String normalized = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        String slug = SEPARATORS.matcher(normalized).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_LENGTH) {
            slug = trimHyphens(slug.substring(0, MAX_LENGTH));
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** Whether an editor-typed slug is acceptable as it is. */
    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /**
     * Whether a slug from a URL could name anything stored: not empty, at most 200 characters (the
     * longest an archive may carry) and free of control characters, which no slug holds. Public
     * lookups answer "not found" for anything else without asking the database (PostgreSQL fails a
     * query given a NUL).
     */
    public static boolean mayExist(String slug) {
        if (slug == null || slug.isEmpty() || slug.length() > 200) {
            return false;
        }
        for (int i = 0; i < slug.length(); i++) {
            if (Character.isISOControl(slug.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
