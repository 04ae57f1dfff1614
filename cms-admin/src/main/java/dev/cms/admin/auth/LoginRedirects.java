package dev.cms.admin.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a login may lead afterwards: back to the admin page that asked for it, and only ever to
 * a path of this site under {@code /admin}. Anything else (another host written as
 * {@code //host} or {@code /\host}, a scheme, encoded slashes or backslashes, dot segments,
 * control characters, spaces) falls back to {@code /admin}, so the login page cannot be used to
 * send someone elsewhere after they signed in.
 */
public final class LoginRedirects {

    public static final String HOME = "/admin";
    private static final int MAX_LENGTH = 2000;
    /** /admin alone or followed by a path or a query, in printable ASCII without backslashes. */
    private static final Pattern LOCAL = Pattern.compile("/admin(?:[/?][\\x21-\\x5B\\x5D-\\x7E]*)?");
    /** Percent-encoded slash, backslash, dot or control character: decoded later, they change the meaning. */
    private static final Pattern ENCODED_TRICK = Pattern.compile("%(?:2[fFeE]|5[cC]|[01][0-9a-fA-F]|7[fF])");

    private LoginRedirects() {
    }

    /** The value itself when it is a safe local admin path, else {@link #HOME}. */
    public static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || !LOCAL.matcher(next).matches()) {
            return HOME;
        }
        String path = next.contains("?") ? next.substring(0, next.indexOf('?')) : next;
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..") || ENCODED_TRICK.matcher(next).find()) {
            return HOME;
        }
        return next;
    }

    /** The login page that leads back to the given page afterwards. */
    public static String loginPageFor(String next) {
        String safe = safeNext(next);
        return safe.equals(HOME) ? "/admin/login" : "/admin/login?next=" + URLEncoder.encode(safe, StandardCharsets.UTF_8);
    }
}
