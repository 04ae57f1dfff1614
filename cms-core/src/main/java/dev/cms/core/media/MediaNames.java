package dev.cms.core.media;

import java.text.Normalizer;

/**
 * The uploaded file's own name, which is only ever shown (the stored name is generated): refused
 * when it carries path parts, otherwise cleaned of control and bidirectional-override characters
 * (U+202E could make {@code photo<U+202E>gnp.exe} look like {@code photoexe.png}) and shortened.
 */
public final class MediaNames {

    static final int MAX_LENGTH = 200;
    private static final String UNNAMED = "image";

    private MediaNames() {
    }

    /** The name to keep for display; throws {@link InvalidMediaException} for names with path parts. */
    public static String displayName(String uploaded) {
        if (uploaded == null) {
            return UNNAMED;
        }
        // Browsers send the bare file name; a path here was made by hand and is refused, not repaired.
        if (uploaded.contains("/") || uploaded.contains("\\") || uploaded.strip().equals("..")) {
            throw new InvalidMediaException(MediaRefusal.BAD_NAME, "file name with path parts: " + uploaded);
        }
        StringBuilder clean = new StringBuilder();
        Normalizer.normalize(uploaded, Normalizer.Form.NFC).codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String name = clean.toString().strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
        }
        return name.isEmpty() || name.equals(".") ? UNNAMED : name;
    }

    /** The name without its extension and without characters that would end a Markdown alt text. */
    public static String altText(String displayName) {
        int dot = displayName.lastIndexOf('.');
        String base = dot > 0 ? displayName.substring(0, dot) : displayName;
        return base.replaceAll("[\\[\\]\\\\]", "").strip();
    }
}
