package dev.cms.admin.user;

import dev.cms.admin.auth.ClientAddresses;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.user.ForbiddenException;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Totp;
import dev.cms.core.user.TwoFactorService;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import dev.cms.web.site.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Two-step login on one's own account page, for admins and editors: set it up with an
 * authenticator app (the secret shown as text and as an otpauth:// link, confirmed by a code the app
 * makes), get ten recovery codes (shown once), make new ones, or turn it off. The last two take the
 * current password.
 */
@Controller("/admin/account")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class TwoFactorController {

    private final UserService users;
    private final TwoFactorService twoFactor;
    private final AccountPages account;
    private final AuditLog audit;
    private final ClientAddresses addresses;
    private final SiteSettings site;
    private final Messages messages;

    public TwoFactorController(UserService users, TwoFactorService twoFactor, AccountPages account, AuditLog audit,
                               ClientAddresses addresses, SiteSettings site, Messages messages) {
        this.messages = messages;
        this.users = users;
        this.twoFactor = twoFactor;
        this.account = account;
        this.audit = audit;
        this.addresses = addresses;
        this.site = site;
    }

    /** A new secret to add to the app; nothing changes until a code made from it is sent back. */
    @Get("/two-factor")
    public ModelAndView<?> setup(Authentication me) {
        return setupPage(me, Totp.newSecret(), Map.of());
    }

    @Post("/two-factor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> enable(@Body TwoFactorForm form, Authentication me, HttpRequest<?> request) {
        User user = me(me);
        try {
            List<String> codes = twoFactor.enable(user, form.secret(), form.code());
            audit.record(user.username(), "two-factor-on", "user " + user.username(), "", addresses.of(request));
            return HttpResponse.ok(recoveryCodes(codes));
        } catch (InvalidUserException e) {
            String secret = Totp.isSecret(form.secret()) ? form.secret() : Totp.newSecret();
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(setupPage(me, secret, e.errors()));
        }
    }

    @Post("/recovery-codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> newRecoveryCodes(@Body TwoFactorForm form, Authentication me, HttpRequest<?> request) {
        User user = me(me);
        try {
            List<String> codes = twoFactor.newRecoveryCodes(user, form.currentPassword());
            audit.record(user.username(), "recovery-codes", "user " + user.username(), "new codes", addresses.of(request));
            return HttpResponse.ok(recoveryCodes(codes));
        } catch (InvalidUserException e) {
            return refused(me, e);
        }
    }

    @Post("/two-factor/off")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> disable(@Body TwoFactorForm form, Authentication me, HttpRequest<?> request) {
        User user = me(me);
        try {
            twoFactor.disable(user, form.currentPassword());
            audit.record(user.username(), "two-factor-off", "user " + user.username(), "", addresses.of(request));
            return HttpResponse.seeOther(URI.create("/admin/account"));
        } catch (InvalidUserException e) {
            return refused(me, e);
        }
    }

    private User me(Authentication me) {
        return users.find(me.getName()).orElseThrow(() -> new ForbiddenException(messages.get("admin.error.unknownUser")));
    }

    /** The account page again, the reason under the two-step login section (not the password form's). */
    private HttpResponse<?> refused(Authentication me, InvalidUserException e) {
        String reason = e.errors().values().stream().findFirst().orElse("");
        return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(account.page(me, Map.of("twoFactor", reason)));
    }

    private ModelAndView<TwoFactorSetupPage> setupPage(Authentication me, String secret, Map<String, String> errors) {
        // In groups of four, as apps show keys and people type them.
        String groups = secret.replaceAll("(.{4})(?!$)", "$1 ");
        return new ModelAndView<>("admin/users/two-factor",
                new TwoFactorSetupPage(secret, groups, Totp.uri(site.siteName(), me.getName(), secret), errors));
    }

    private static ModelAndView<RecoveryCodesPage> recoveryCodes(List<String> codes) {
        return new ModelAndView<>("admin/users/recovery-codes", new RecoveryCodesPage(codes));
    }
}
