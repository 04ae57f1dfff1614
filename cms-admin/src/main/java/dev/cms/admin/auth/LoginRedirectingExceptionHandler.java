package dev.cms.admin.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/**
 * Sends a signed-out visitor of an admin page to the login page with that page as {@code next},
 * so they land where they were going once signed in. Only page loads (GET) are remembered: a
 * form posted without a login has nothing worth going back to. The login page checks the value
 * again ({@link LoginRedirects}), since anyone can write a login URL.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class LoginRedirectingExceptionHandler extends DefaultAuthorizationExceptionHandler {

    public LoginRedirectingExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor,
                                            RedirectConfiguration redirectConfiguration,
                                            RedirectService redirectService,
                                            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
                                            @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders, priorToLoginPersistence);
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
