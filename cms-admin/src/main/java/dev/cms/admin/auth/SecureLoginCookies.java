package dev.cms.admin.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.cookie.LoginCookieProvider;
import io.micronaut.security.token.cookie.RefreshTokenCookieConfiguration;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The login cookie as Micronaut makes it, plus {@code Secure} whenever {@link HttpsRequests} says
 * the browser came over HTTPS, including through a trusted TLS-ending proxy, which the framework
 * alone cannot see.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
public class SecureLoginCookies extends TokenCookieLoginHandler {

    private final HttpsRequests https;

    public SecureLoginCookies(RedirectService redirectService, RedirectConfiguration redirectConfiguration,
                              AccessTokenCookieConfiguration accessTokenCookieConfiguration,
                              RefreshTokenCookieConfiguration refreshTokenCookieConfiguration,
                              AccessTokenConfiguration accessTokenConfiguration,
                              AccessRefreshTokenGenerator accessRefreshTokenGenerator,
                              @Nullable PriorToLoginPersistence<HttpRequest<?>, MutableHttpResponse<?>> priorToLoginPersistence,
                              List<LoginCookieProvider<HttpRequest<?>>> loginCookieProviders,
                              HttpsRequests https) {
        super(redirectService, redirectConfiguration, accessTokenCookieConfiguration, refreshTokenCookieConfiguration,
                accessTokenConfiguration, accessRefreshTokenGenerator, priorToLoginPersistence, loginCookieProviders);
        this.https = https;
    }

    @Override
    protected Cookie accessTokenCookie(AccessRefreshToken token, HttpRequest<?> request) {
        Cookie cookie = super.accessTokenCookie(token, request);
        return https.cookiesSecure(request) ? cookie.secure(true) : cookie;
    }
}
