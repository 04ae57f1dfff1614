package dev.cms.admin.auth;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.LoginSessionService;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.handlers.LoginHandler;
import io.micronaut.security.handlers.LogoutHandler;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Login and logout of the admin. Until the first admin exists, login leads to the setup page. */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {

    private final UserService users;
    private final LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler;
    private final LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final LoginSessionService sessions;
    private final ClientAddresses addresses;
    private final Duration sessionLifetime;

    public LoginController(UserService users,
                           LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler,
                           LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler,
                           LoginThrottle throttle, AuditLog audit, LoginSessionService sessions,
                           AccessTokenConfiguration accessTokens, ClientAddresses addresses) {
        this.addresses = addresses;
        this.throttle = throttle;
        this.audit = audit;
        this.sessions = sessions;
        // The session lasts as long as the token in the cookie; both end a login.
        this.sessionLifetime = Duration.ofSeconds(accessTokens.getExpiration());
        this.users = users;
        this.loginHandler = loginHandler;
        this.logoutHandler = logoutHandler;
    }

    /** The login form; {@code next} is the admin page to go back to, kept only when it is a local one. */
    @Get("/login{?next,setup}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> loginPage(@Nullable String next, @Nullable String setup) {
        if (!users.hasUsers()) {
            return HttpResponse.seeOther(URI.create("/admin/setup"));
        }
        Map<String, Object> model = model("", next);
        if ("done".equals(setup)) {
            // Sent here by a setup page that came too late: another one made the first admin.
            model.put("noticeKey", "admin.login.setupDone");
        }
        return HttpResponse.ok(new ModelAndView<>("admin/login", model));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> login(@Body LoginForm form, HttpRequest<?> request) {
        String address = addresses.of(request);
        String typed = form.username() == null ? "" : form.username();
        if (UserService.hasControlCharacters(typed)) {
            // No username has them; written to a log line they would start a forged one.
            audit.record(typed, "login-refused", "user " + typed, "control characters in the username", address);
            return loginPage(typed.replaceAll("\\p{Cntrl}", ""), form.next(), "admin.login.controlCharacters",
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        if (!throttle.allowed(address)) {
            audit.record(typed, "login-throttled", "user " + typed, "", address);
            return loginPage(typed, form.next(), "admin.login.throttled", HttpStatus.TOO_MANY_REQUESTS);
        }
        return users.authenticate(form.username(), form.password())
                .<HttpResponse<?>>map(user -> {
                    throttle.succeeded(address);
                    audit.record(user.username(), "login", "user " + user.username(), "", address);
                    MutableHttpResponse<?> signedIn = signIn(user, request);
                    if (signedIn.getStatus().getCode() / 100 == 3) {
                        signedIn.getHeaders().location(URI.create(LoginRedirects.safeNext(form.next())));
                    }
                    return signedIn;
                })
                .orElseGet(() -> {
                    throttle.failed(address);
                    audit.record(typed, "login-failed", "user " + typed, "", address);
                    // The same words whether the user is unknown, the password wrong or the account locked.
                    return loginPage(typed, form.next(), "admin.login.failed", HttpStatus.UNAUTHORIZED);
                });
    }

    private static HttpResponse<?> loginPage(String username, String next, String errorKey, HttpStatus status) {
        Map<String, Object> model = model(username, next);
        model.put("errorKey", errorKey);
        return HttpResponse.status(status).body(new ModelAndView<>("admin/login", model));
    }

    private static Map<String, Object> model(String username, String next) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("username", username);
        String safe = LoginRedirects.safeNext(next);
        if (!safe.equals(LoginRedirects.HOME)) {
            model.put("next", safe);
        }
        return model;
    }

    /**
     * Ends this login in the database before clearing the cookie: a copy of the cookie (another
     * tab's, or one taken from this browser) is refused afterwards on every node. The user's logins
     * on other devices go on.
     */
    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> logout(HttpRequest<?> request, Authentication me) {
        Object session = me.getAttributes().get(ActiveUserClaimsValidator.SESSION);
        sessions.end(session instanceof String id ? id : null);
        audit.record(me.getName(), "logout", "user " + me.getName(), "", addresses.of(request));
        return logoutHandler.logout(request);
    }

    /** Starts a login session and issues its signed cookie, for a user whose credentials were just checked. */
    MutableHttpResponse<?> signIn(User user, HttpRequest<?> request) {
        String session = sessions.start(user, sessionLifetime);
        Authentication authentication = Authentication.build(user.username(), List.of(user.role().name()),
                Map.of(ActiveUserClaimsValidator.TOKEN_VERSION, user.tokenVersion(), "name", user.displayName(),
                        ActiveUserClaimsValidator.SESSION, session));
        return loginHandler.loginSuccess(authentication, request);
    }
}
