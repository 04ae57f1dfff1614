package dev.cms.admin.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a signed-out visitor of an admin page to the login page with that page as {@code next},
 * so they land where they were going once signed in. The login page checks the value again
 * ({@link LoginRedirects}), since anyone can write a login URL.
 *
 * <p>A form posted after the login ended (a save after twelve hours, or after logging out in
 * another tab) carries what was typed: it is sent on with {@code 307}, which makes the browser post
 * the same fields to {@code /admin/login/resume}, and that login page keeps them (see
 * {@link LoginController#resume}) instead of losing the text with a plain redirect.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class LoginRedirectingExceptionHandler extends DefaultAuthorizationExceptionHandler {

    private final ForbiddenPageController forbiddenPage;

    public LoginRedirectingExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor,
                                            RedirectConfiguration redirectConfiguration,
                                            RedirectService redirectService,
                                            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
                                            @Nullable PriorToLoginPersistence priorToLoginPersistence,
                                            ForbiddenPageController forbiddenPage) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders, priorToLoginPersistence);
        this.forbiddenPage = forbiddenPage;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            // A page the user's role does not open (the users list for an author): the admin's own
            // 403 page, as for an action refused further in, not the framework's bare error page.
            return forbiddenPage.forbidden(request);
        }
        if (shouldRedirect(request, exception) && isResumable(request)) {
            URI uri = request.getUri();
            String action = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            if (LoginRedirects.safeNext(action).equals(action)) {
                return HttpResponse.temporaryRedirect(URI.create(LoginController.RESUME_PATH + "?to="
                        + URLEncoder.encode(action, StandardCharsets.UTF_8)));
            }
        }
        return super.handle(request, exception);
    }

    /**
     * A form post to an admin page other than the login pages themselves, from a browser that has
     * been using the admin: without its CSRF cookie the form could not be sent again anyway.
     */
    private static boolean isResumable(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getMethod() == HttpMethod.POST && request.getCookies().contains(CsrfTokens.COOKIE)
                && request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false)
                && !path.startsWith("/admin/login") && !path.equals("/admin/logout") && !path.startsWith("/admin/setup");
    }

    @Override
    protected String getRedirectUri(HttpRequest<?> request, AuthorizationException exception) {
        String login = super.getRedirectUri(request, exception);
        if (exception.isForbidden() || request.getMethod() != HttpMethod.GET || !"/admin/login".equals(login)) {
            return login;
        }
        URI uri = request.getUri();
        String wanted = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return LoginRedirects.loginPageFor(wanted);
    }
}
