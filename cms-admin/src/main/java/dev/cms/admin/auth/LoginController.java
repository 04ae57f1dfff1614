package dev.cms.admin.auth;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.LoginSessionService;
import dev.cms.core.user.TwoFactorService;
import dev.cms.core.user.UnsavedFormService;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Login and logout of the admin. Until the first admin exists, login leads to the setup page. An
 * account with two-step login is asked for a code after its password ({@link #code}); a form whose
 * login had ended is carried through the login and sent again ({@link #resume}).
 */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {

    /** Where a form posted after its login ended is sent on (with 307, so its fields come along). */
    public static final String RESUME_PATH = "/admin/login/resume";
    private static final String RESUME_PATH_IN_CONTROLLER = "/login/resume";

    private final UserService users;
    private final LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler;
    private final LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final LoginSessionService sessions;
    private final ClientAddresses addresses;
    private final LoginChallenges challenges;
    private final TwoFactorService twoFactor;
    private final UnsavedFormService unsavedForms;
    private final Duration sessionLifetime;

    public LoginController(UserService users,
                           LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler,
                           LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler,
                           LoginThrottle throttle, AuditLog audit, LoginSessionService sessions,
                           AccessTokenConfiguration accessTokens, ClientAddresses addresses,
                           LoginChallenges challenges, TwoFactorService twoFactor, UnsavedFormService unsavedForms) {
        this.users = users;
        this.loginHandler = loginHandler;
        this.logoutHandler = logoutHandler;
        this.throttle = throttle;
        this.audit = audit;
        this.sessions = sessions;
        this.addresses = addresses;
        this.challenges = challenges;
        this.twoFactor = twoFactor;
        this.unsavedForms = unsavedForms;
        // The session lasts as long as the token in the cookie; either ending ends the login.
        this.sessionLifetime = Duration.ofSeconds(accessTokens.getExpiration());
    }

    /** The login form; {@code next} is the admin page to go back to, kept only when it is a local one. */
    @Get("/login{?next,setup}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> loginPage(@Nullable String next, @Nullable String setup) {
        if (!users.hasUsers()) {
            return HttpResponse.seeOther(URI.create("/admin/setup"));
        }
        LoginPage page = LoginPage.of("", next, null);
        if ("done".equals(setup)) {
            // Sent here by a setup page that came too late: another one made the first admin.
            page = page.withNotice("admin.login.setupDone");
        }
        return HttpResponse.ok(new ModelAndView<>("admin/login", page));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> login(@Body LoginForm form, HttpRequest<?> request) {
        String address = addresses.of(request);
        String typed = form.username() == null ? "" : form.username();
        ResumedForm resume = ResumedForm.of(form.resumeAction(), form.resumeBody());
        if (UserService.hasControlCharacters(typed)) {
            // No username has them; written to a log line they would start a forged one.
            audit.record(typed, "login-refused", "user " + typed, "control characters in the username", address);
            return loginPage(typed.replaceAll("\\p{Cntrl}", ""), form.next(), resume, "admin.login.controlCharacters",
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        if (!throttle.allowed(address)) {
            audit.record(typed, "login-throttled", "user " + typed, "", address);
            return loginPage(typed, form.next(), resume, "admin.login.throttled", HttpStatus.TOO_MANY_REQUESTS);
        }
        return users.authenticate(form.username(), form.password())
                .<HttpResponse<?>>map(user -> {
                    if (users.hasSecondFactor(user)) {
                        audit.record(user.username(), "login-password", "user " + user.username(), "code asked", address);
                        return codePage(challenges.issue(user), form.next(), resume, null, HttpStatus.OK);
                    }
                    throttle.succeeded(address);
                    audit.record(user.username(), "login", "user " + user.username(), "", address);
                    return signedIn(user, request, form.next(), resume);
                })
                .orElseGet(() -> {
                    throttle.failed(address);
                    audit.record(typed, "login-failed", "user " + typed, "", address);
                    // The same words whether the user is unknown, the password wrong or the account locked.
                    return loginPage(typed, form.next(), resume, "admin.login.failed", HttpStatus.UNAUTHORIZED);
                });
    }

    /**
     * The second step of a login to an account with two-step login: the code of the authenticator
     * app, or a recovery code. A wrong code counts as a failed login, for the account's lockout and
     * for this address's throttle.
     */
    @Post("/login/code")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> code(@Body LoginCodeForm form, HttpRequest<?> request) {
        String address = addresses.of(request);
        ResumedForm resume = ResumedForm.of(form.resumeAction(), form.resumeBody());
        Optional<User> user = challenges.read(form.challenge()).flatMap(c -> users.find(c.userId())
                .filter(u -> u.enabled() && u.tokenVersion() == c.tokenVersion()));
        if (user.isEmpty()) {
            return loginPage("", form.next(), resume, "admin.login.codeExpired", HttpStatus.UNAUTHORIZED);
        }
        String name = user.get().username();
        if (!throttle.allowed(address)) {
            audit.record(name, "login-throttled", "user " + name, "second step", address);
            return codePage(form.challenge(), form.next(), resume, "admin.login.throttled", HttpStatus.TOO_MANY_REQUESTS);
        }
        TwoFactorService.Outcome outcome = twoFactor.verify(user.get(), form.code());
        if (outcome == TwoFactorService.Outcome.REFUSED) {
            throttle.failed(address);
            audit.record(name, "login-code-failed", "user " + name, "", address);
            return codePage(form.challenge(), form.next(), resume, "admin.login.codeWrong", HttpStatus.UNAUTHORIZED);
        }
        throttle.succeeded(address);
        audit.record(name, "login", "user " + name, outcome == TwoFactorService.Outcome.RECOVERY_CODE
                ? "with a recovery code, " + twoFactor.recoveryCodesLeft(user.get()) + " left" : "with an app code", address);
        return signedIn(user.get(), request, form.next(), resume);
    }

    private static HttpResponse<?> codePage(String challenge, String next, ResumedForm resume, String errorKey,
                                            HttpStatus status) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/login-code",
                new LoginCodePage(challenge, LoginPage.shownNext(next), resume, errorKey)));
    }

    /**
     * The login page for a form posted after its login ended, reached through the {@code 307} of
     * {@link LoginRedirectingExceptionHandler}: the browser posts the same fields here, and the page
     * carries them (and shows the text typed) until the login succeeds, when they are sent again.
     */
    @Post(RESUME_PATH_IN_CONTROLLER)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resume(@QueryValue("to") @Nullable String to, @Body String body) {
        // From the query only: the form's own fields (an "action" button, say) must not stand in for it.
        ResumedForm resume = ResumedForm.of(to, body);
        if (resume == null || !users.hasUsers()) {
            return HttpResponse.seeOther(URI.create("/admin/login"));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(new ModelAndView<>("admin/login",
                LoginPage.of("", null, resume).withNotice("admin.login.expired")));
    }

    /**
     * The answer to a successful login: the login cookie, and the page to go on to. When the login
     * carried a form whose own login had ended, that page is one that sends the form again: the
     * form is kept for the user now signed in (see {@link ResumeController}), because that page
     * must be loaded under the new login to carry a CSRF token the new login cookie accepts.
     */
    private HttpResponse<?> signedIn(User user, HttpRequest<?> request, String next, ResumedForm resume) {
        MutableHttpResponse<?> signedIn = signIn(user, request);
        if (signedIn.getStatus().getCode() / 100 != 3) {
            return signedIn;
        }
        String to = resume == null ? LoginRedirects.safeNext(next)
                : ResumeController.PATH + unsavedForms.keep(user, resume.action(), resume.body());
        signedIn.getHeaders().location(URI.create(to));
        return signedIn;
    }

    private static HttpResponse<?> loginPage(String username, String next, ResumedForm resume, String errorKey,
                                             HttpStatus status) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/login",
                LoginPage.of(username, next, resume).withError(errorKey)));
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
