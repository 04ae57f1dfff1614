package dev.cms.admin.archive;

import dev.cms.core.site.StorableText;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of an archive entry being checked: typed access to its fields, each problem recorded
 * as {@code articles.jsonl line 12 (slug "x"): title is empty} so the operator can find it.
 */
final class ArchiveItem {

    private static final Instant FIRST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final String entry;
    private final long line;
    private final Map<String, Object> fields;
    private final List<String> errors;
    private String key = "";

    ArchiveItem(String entry, long line, Map<String, Object> fields, List<String> errors) {
        this.entry = entry;
        this.line = line;
        this.fields = fields;
        this.errors = errors;
    }

    /** Names the item in its messages by this field, e.g. {@code slug "x"}. */
    ArchiveItem keyedBy(String field) {
        if (fields.get(field) instanceof String value) {
            key = " (" + field + " \"" + value + "\")";
        }
        return this;
    }

    void error(String message) {
        errors.add(entry + " line " + line + key + ": " + message);
    }

    /** A required string: present, not blank, at most {@code max} characters. */
    String text(String field, int max) {
        String value = optionalText(field, max);
        if (value == null && !fields.containsKey(field)) {
            error(field + " is missing");
        } else if (value == null && fields.get(field) == null) {
            error(field + " is missing");
        } else if (value != null && value.isBlank()) {
            error(field + " is empty");
        }
        return value;
    }

    /** A string that must be present but may be empty ("summary": ""). */
    String textAllowEmpty(String field, int max) {
        String value = optionalText(field, max);
        if (value == null) {
            error(field + " is missing");
        }
        return value;
    }

    /** A string or null. */
    String optionalText(String field, int max) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            error(field + " is not a string");
            return null;
        }
        if (s.length() > max) {
            error(field + " is " + s.length() + " characters long, more than the " + max + " allowed");
        }
        if (StorableText.hasNul(s)) {
            error(field + " holds a NUL character (U+0000), which the database cannot store");
        }
        return s;
    }

    String oneOf(String field, Set<String> allowed) {
        String value = text(field, 64);
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            error(field + " \"" + value + "\" is not one of " + allowed);
            return null;
        }
        return value;
    }

    Instant time(String field) {
        Instant t = optionalTime(field);
        if (t == null && fields.get(field) == null) {
            error(field + " is missing");
        }
        return t;
    }

    Instant optionalTime(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        try {
            Instant time = Instant.parse(value.toString());
            // Years the databases hold alike (H2 wraps year 999,999,999 round, PostgreSQL refuses it).
            if (time.isBefore(FIRST_TIME) || time.isAfter(LAST_TIME)) {
                error(field + " \"" + value + "\" is not between the years 1 and 9999");
                return null;
            }
            return time;
        } catch (DateTimeParseException e) {
            error(field + " \"" + value + "\" is not a UTC time such as 2024-05-27T18:54:57Z");
            return null;
        }
    }

    long number(String field, long min) {
        Object value = fields.get(field);
        if (!(value instanceof Long n)) {
            error(field + (value == null ? " is missing" : " is not a whole number"));
            return min;
        }
        if (n < min) {
            error(field + " is " + n + ", less than " + min);
        }
        return n;
    }

    boolean flag(String field) {
        Object value = fields.get(field);
        if (!(value instanceof Boolean b)) {
            error(field + (value == null ? " is missing" : " is not true or false"));
            return false;
        }
        return b;
    }

    /** A list of strings (possibly empty). */
    List<String> texts(String field, int max) {
        Object value = fields.get(field);
        List<String> result = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            error(field + (value == null ? " is missing" : " is not a list"));
            return result;
        }
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > max) {
                error(field + " holds " + (o instanceof String ? "\"" + o + "\"" : String.valueOf(o))
                        + ", not a value of 1 to " + max + " characters");
            } else {
                result.add(s);
            }
        }
        return result;
    }

    /** An object checked as an item of its own, named "field"; null when the field is absent or null. */
    ArchiveItem optionalItem(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            error(field + " is not an object");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) m;
        ArchiveItem item = new ArchiveItem(entry, line, sub, errors);
        item.key = key + " " + field;
        return item;
    }

    /** A list of objects, each checked as an item of its own, named "field[i]". */
    List<ArchiveItem> items(String field) {
        Object value = fields.get(field);
        List<ArchiveItem> result = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            error(field + (value == null ? " is missing" : " is not a list"));
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                ArchiveItem item = new ArchiveItem(entry, line, sub, errors);
                item.key = key + " " + field + "[" + i + "]";
                result.add(item);
            } else {
                error(field + "[" + i + "] is not an object");
            }
        }
        return result;
    }
}
