package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import dev.cms.web.site.PageRenderer;
import io.micronaut.http.HttpStatus;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the CSRF token of every state-changing request to the admin, for every route at once
 * (no controller can forget it): the form's {@code csrf} field must match the browser's
 * {@code cms_csrf} cookie. Multipart uploads carry the token outside their body instead (see
 * {@link #multipartToken}). Safe requests get the cookie when they lack one.
 */
@ServerFilter({"/admin", "/admin/**"})
public class CsrfFilter {

    /** Request attribute holding the token forms on this request's page must carry. */
    public static final String TOKEN_ATTRIBUTE = "cms.csrf.token";
    /** Where scripts put the token of a multipart request. */
    public static final String HEADER = "X-CSRF-Token";
    private static final String NEW_TOKEN_ATTRIBUTE = "cms.csrf.new";
    private static final long BODY_WAIT_SECONDS = 30;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final CsrfTokens tokens;
    private final PageRenderer pages;
    private final HttpsRequests https;

    public CsrfFilter(CsrfTokens tokens, PageRenderer pages, HttpsRequests https) {
        this.tokens = tokens;
        this.pages = pages;
        this.https = https;
    }

    /**
     * Runs on the blocking executor: checking a form means waiting for its body, which the
     * controller can still read afterwards (the filter reads a split copy).
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public @Nullable HttpResponse<?> verify(ServerHttpRequest<?> request) {
        String cookieToken = request.getCookies().findCookie(CsrfTokens.COOKIE).map(Cookie::getValue)
                .filter(tokens::isGenuine).orElse(null);
        if (SAFE.contains(request.getMethod())) {
            String token = cookieToken;
            if (token == null) {
                token = tokens.generate();
                request.setAttribute(NEW_TOKEN_ATTRIBUTE, token);
            }
            request.setAttribute(TOKEN_ATTRIBUTE, token);
            return null;
        }
        if (cookieToken != null && isMultipart(request)) {
            request.setAttribute(TOKEN_ATTRIBUTE, cookieToken);
            return tokens.matches(cookieToken, multipartToken(request)) ? null : rejected(request);
        }
        if (cookieToken == null || !isForm(request)) {
            return rejected(request);
        }
        request.setAttribute(TOKEN_ATTRIBUTE, cookieToken);
        String submitted;
        try (CloseableAvailableByteBody body = request.byteBody().split().buffer().get(BODY_WAIT_SECONDS, TimeUnit.SECONDS)) {
            submitted = formField(body.toString(StandardCharsets.UTF_8), CsrfTokens.FIELD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return rejected(request);
        } catch (ExecutionException | TimeoutException e) {
            return rejected(request);
        }
        return tokens.matches(cookieToken, submitted) ? null : rejected(request);
    }

    @ResponseFilter
    public void issueCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(NEW_TOKEN_ATTRIBUTE, String.class).ifPresent(token -> response.cookie(
                Cookie.of(CsrfTokens.COOKIE, token).path("/admin").httpOnly(true).sameSite(SameSite.Strict)
                        .secure(https.cookiesSecure(request))));
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

    private HttpResponse<?> rejected(HttpRequest<?> request) {
        return pages.render(HttpStatus.FORBIDDEN, "admin/csrf", Map.of(), request);
    }

    /** The first value of a field in an application/x-www-form-urlencoded body. */
    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
