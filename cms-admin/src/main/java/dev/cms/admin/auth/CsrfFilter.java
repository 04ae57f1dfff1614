package dev.cms.admin.auth;

import dev.cms.core.media.MediaSizes;
import dev.cms.web.site.PageRenderer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Checks the CSRF token of every state-changing request to the admin, for every route at once
 * (no controller can forget it): the form's {@code csrf} field must match the browser's
 * {@code cms_csrf} cookie, and both must have been issued for the login the request carries
 * (see {@link CsrfTokens}). Multipart uploads carry the token outside their body instead (see
 * {@link #multipartToken}). Safe requests get a cookie when they lack a genuine one, which is
 * also how a browser gets a fresh token after signing in or out.
 */
@ServerFilter({"/admin", "/admin/**"})
public class CsrfFilter {

    /** Request attribute holding the token forms on this request's page must carry. */
    public static final String TOKEN_ATTRIBUTE = "cms.csrf.token";
    /** Where scripts put the token of a multipart request. */
    public static final String HEADER = "X-CSRF-Token";
    private static final String NEW_TOKEN_ATTRIBUTE = "cms.csrf.new";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final CompletableFuture<Optional<MutableHttpResponse<?>>> PROCEED = CompletableFuture.completedFuture(Optional.empty());

    private final CsrfTokens tokens;
    private final PageRenderer pages;
    private final HttpsRequests https;
    private final HttpServerConfiguration server;

    public CsrfFilter(CsrfTokens tokens, PageRenderer pages, HttpsRequests https, HttpServerConfiguration server) {
        this.tokens = tokens;
        this.pages = pages;
        this.https = https;
        this.server = server;
    }

    /**
     * Never blocks a thread: a form's token is in its body, so the answer completes once the body
     * has arrived, however slowly it is sent. The filter reads a copy split off the body (at the
     * pace of whichever reader is faster, so the copy the controller binds later is buffered
     * meanwhile rather than holding the upload back: reading at the slower pace would wait for
     * the controller, which only runs after this filter, and stalled every form body larger than
     * the first chunks). "Proceed" is an empty Optional, not a null: a future completing later
     * with null is not treated as "go on" by Micronaut's filter chain (4.10).
     */
    @RequestFilter
    public CompletableFuture<Optional<MutableHttpResponse<?>>> verify(ServerHttpRequest<?> request) {
        String cookieToken = request.getCookies().findCookie(CsrfTokens.COOKIE).map(Cookie::getValue)
                .filter(token -> tokens.isGenuine(token, request)).orElse(null);
        if (SAFE.contains(request.getMethod())) {
            String token = cookieToken;
            if (token == null) {
                token = tokens.generate(request);
                request.setAttribute(NEW_TOKEN_ATTRIBUTE, token);
            }
            request.setAttribute(TOKEN_ATTRIBUTE, token);
            return PROCEED;
        }
        if (cookieToken != null && isMultipart(request)) {
            request.setAttribute(TOKEN_ATTRIBUTE, cookieToken);
            return tokens.matches(cookieToken, multipartToken(request), request) ? PROCEED : rejected(request);
        }
        if (cookieToken == null || !isForm(request)) {
            return rejected(request);
        }
        request.setAttribute(TOKEN_ATTRIBUTE, cookieToken);
        if (request.getContentLength() > formLimit()) {
            // Refused before reading; the server reads and drops the rest so the browser,
            // still sending, gets to show the page.
            request.byteBody().allowDiscard();
            return tooLarge(request, false);
        }
        try (CloseableByteBody copy = request.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer()
                    .thenApply(body -> {
                        try (body) {
                            return formField(body.toString(StandardCharsets.UTF_8), CsrfTokens.FIELD);
                        }
                    })
                    .thenCompose(submitted -> tokens.matches(cookieToken, submitted, request) ? PROCEED : rejected(request))
                    .exceptionallyCompose(failure -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof ContentLengthExceededException || cause instanceof BufferLengthExceededException) {
                            request.byteBody().allowDiscard();
                            return tooLarge(request, true);
                        }
                        return CompletableFuture.failedFuture(cause);
                    });
        }
    }

    @ResponseFilter
    public void issueCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(NEW_TOKEN_ATTRIBUTE, String.class).ifPresent(token -> response.cookie(
                Cookie.of(CsrfTokens.COOKIE, token).path("/admin").httpOnly(true).sameSite(SameSite.Strict)
                        .secure(https.cookiesSecure(request))));
    }

    /**
     * The largest form body the server takes: its request limit (raised for uploads by
     * MediaUploadLimits), or less when it would not buffer that much.
     */
    private long formLimit() {
        return Math.min(server.getMaxRequestSize(), server.getMaxRequestBufferSize());
    }

    private static boolean isForm(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
                .orElse(false);
    }

    private static boolean isMultipart(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false);
    }

    /**
     * The token of a multipart request, taken from the {@value #HEADER} header or else from the
     * {@code csrf} query parameter of the form's action URL, never from the body: finding a field
     * in a multipart body means parsing megabytes of image a second time, before the controller,
     * and a plain HTML form cannot set a header, so the upload form puts the token in its action.
     * The signed cookie must still match, as for every other form. A token in a URL may reach the
     * browser history or an access log; it is the same value every admin page of that browser
     * carries anyway, and a forged cross-site request still lacks the SameSite=Strict cookie.
     */
    private static String multipartToken(HttpRequest<?> request) {
        String header = request.getHeaders().get(HEADER);
        return header != null ? header : request.getParameters().get(CsrfTokens.FIELD);
    }

    private CompletableFuture<Optional<MutableHttpResponse<?>>> rejected(HttpRequest<?> request) {
        return CompletableFuture.completedFuture(Optional.of(pages.render(HttpStatus.FORBIDDEN, "admin/csrf", Map.of(), request)));
    }

    /**
     * A 413 page naming the limit. A body stopped mid-stream (no Content-Length, or a wrong one)
     * also closes the connection, in case the rest of it is never read.
     */
    private CompletableFuture<Optional<MutableHttpResponse<?>>> tooLarge(HttpRequest<?> request, boolean streamed) {
        MutableHttpResponse<?> page = pages.render(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "admin/too-large",
                new TooLargePage(MediaSizes.text(formLimit())), request);
        if (streamed) {
            page.header(HttpHeaders.CONNECTION, "close");
        }
        return CompletableFuture.completedFuture(Optional.of(page));
    }

    /**
     * The first value of a field in an application/x-www-form-urlencoded body, or null (also for
     * a malformed one). Only keys that could spell the name are decoded: an article body next to
     * the token may be megabytes long, and is looked at once.
     */
    static String formField(String body, String name) {
        int longestKey = 3 * name.getBytes(StandardCharsets.UTF_8).length;
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            int keyEnd = start;
            while (keyEnd < end && body.charAt(keyEnd) != '=') {
                keyEnd++;
            }
            if (keyEnd - start <= longestKey && name.equals(decode(body.substring(start, keyEnd)))) {
                return keyEnd == end ? "" : decode(body.substring(keyEnd + 1, end));
            }
            start = end + 1;
        }
        return null;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
