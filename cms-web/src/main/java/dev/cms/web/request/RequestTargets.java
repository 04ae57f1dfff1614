package dev.cms.web.request;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What is wrong with a request target (the path and query of the request line) or a form body,
 * if anything. The rules, in one place: every {@code %} is followed by two hexadecimal digits,
 * what the escapes decode to is UTF-8, and no NUL (U+0000) is in it. A NUL names nothing: no
 * slug, topic or file can contain one, and PostgreSQL refuses it in text.
 */
public final class RequestTargets {

    /** A request's problem; the status it is answered with lives in {@link BadRequestFilter}. */
    public enum Problem {
        NONE,
        /** A stray or incomplete {@code %}, bytes that are not UTF-8, or characters no URI may hold. */
        MALFORMED,
        /** A NUL in the path: nothing is there. */
        NUL_IN_PATH,
        /** A NUL in the query string. */
        NUL_IN_QUERY,
        /** A request line longer than the server reads (Netty's max-initial-line-length). */
        URI_TOO_LONG,
        /** Header lines longer than the server reads (Netty's max-header-size). */
        HEADERS_TOO_LARGE
    }

    private RequestTargets() {
    }

    /** The problem of a request target such as {@code /articles/a%20b?page=2}, or NONE. */
    public static Problem check(String target) {
        try {
            // What Micronaut itself parses the target with: where this fails, it would answer as if "/" was asked.
            URI.create(target);
        } catch (IllegalArgumentException e) {
            return Problem.MALFORMED;
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        String decodedPath = decode(path);
        if (decodedPath == null) {
            return Problem.MALFORMED;
        }
        if (decodedPath.indexOf('\0') >= 0) {
            return Problem.NUL_IN_PATH;
        }
        if (query != null) {
            String decodedQuery = decode(query);
            if (decodedQuery == null) {
                return Problem.MALFORMED;
            }
            if (decodedQuery.indexOf('\0') >= 0) {
                return Problem.NUL_IN_QUERY;
            }
        }
        return Problem.NONE;
    }

    /**
     * The problem of an {@code application/x-www-form-urlencoded} body: MALFORMED for broken
     * escapes or bytes that are not UTF-8 (raw or escaped), else NONE. A NUL in a field is left to
     * the form's own checks, which show the form again with what was typed (see the article form).
     */
    public static Problem checkForm(byte[] body) {
        if (strictUtf8(ByteBuffer.wrap(body)) == null) {
            return Problem.MALFORMED;
        }
        byte[] decoded = percentDecode(body);
        return decoded == null || strictUtf8(ByteBuffer.wrap(decoded)) == null ? Problem.MALFORMED : Problem.NONE;
    }

    /**
     * Percent-decodes as UTF-8, refusing what a lenient decoder would guess at: a {@code %} not
     * followed by two hexadecimal digits, and bytes that are not UTF-8 (no U+FFFD substituted).
     * Null when the text is malformed. ({@code +} is left alone: it only matters to a form's reader.)
     */
    static String decode(String text) {
        byte[] raw = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Netty reads the request line as ISO-8859-1; RFC 3986 allows no raw byte beyond ASCII.
                return null;
            }
            raw[i] = (byte) c;
        }
        byte[] decoded = percentDecode(raw);
        return decoded == null ? null : strictUtf8(ByteBuffer.wrap(decoded));
    }

    /** The bytes the escapes stand for; null for a {@code %} not followed by two hexadecimal digits. */
    private static byte[] percentDecode(byte[] raw) {
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                if (i + 2 >= raw.length) {
                    return null;
                }
                int high = Character.digit(raw[i + 1], 16);
                int low = Character.digit(raw[i + 2], 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                out[n++] = (byte) (high * 16 + low);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static String strictUtf8(ByteBuffer bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
