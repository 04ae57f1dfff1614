package dev.cms.admin.htmlimport;

import java.nio.file.Path;
import java.util.Locale;

/** A file to import and the name the report gives it (the path as the operator named it). */
public record SourceFile(Path path, String name) {

    /** Whether to read it as a saved HTML page (by its name; a file of another name by its first character). */
    boolean isHtml(String content) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return true;
        }
        if (lower.endsWith(".txt")) {
            return false;
        }
        return content.stripLeading().startsWith("<");
    }
}
