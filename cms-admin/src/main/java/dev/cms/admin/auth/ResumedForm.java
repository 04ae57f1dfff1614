package dev.cms.admin.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A form that was posted after its login had ended, carried through the login page so nothing
 * typed is lost: the admin page it was posted to and its fields, in order and with repeats, without
 * the old CSRF token (the page that sends it again carries the current one). It travels in the
 * login form as two hidden fields, the action and the fields url-encoded, and is held nowhere on
 * the server.
 */
public record ResumedForm(String action, List<Field> fields) {

    /** One posted field. */
    public record Field(String name, String value) {
    }

    /**
     * The form posted to {@code action}, from its url-encoded body; null when the action is not a
     * local admin page (see {@link LoginRedirects}) or nothing came with it.
     */
    public static ResumedForm of(String action, String body) {
        if (action == null || body == null || !LoginRedirects.safeNext(action).equals(action)
                || action.startsWith("/admin/login") || action.equals("/admin/logout")) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.equals(CsrfTokens.FIELD)) {
                fields.add(new Field(name, eq < 0 ? "" : decode(pair.substring(eq + 1))));
            }
        }
        return new ResumedForm(action, List.copyOf(fields));
    }

    /** The fields url-encoded, as the login form carries them. */
    public String body() {
        return fields.stream().map(f -> encode(f.name()) + "=" + encode(f.value())).collect(Collectors.joining("&"));
    }

    /** The fields worth showing to the person whose text this is: those with something typed in them. */
    public List<Field> typed() {
        return fields.stream().filter(f -> !f.value().isBlank()).toList();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape: kept as sent rather than dropping what was typed.
            return s;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
