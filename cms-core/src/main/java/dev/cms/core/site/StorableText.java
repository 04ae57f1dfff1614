package dev.cms.core.site;

/**
 * Text the database can store. PostgreSQL refuses U+0000 (NUL) in text, where H2 keeps it; so
 * that both behave alike, forms refuse a NUL with a message (keeping what was typed) and public
 * lookups answer "not found" for one without asking the database.
 */
public final class StorableText {

    private StorableText() {
    }

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
