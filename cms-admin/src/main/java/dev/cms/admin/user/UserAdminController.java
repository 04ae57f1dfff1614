package dev.cms.admin.user;

import dev.cms.admin.auth.ClientAddresses;
import dev.cms.admin.site.ConfirmPage;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import dev.cms.web.site.Messages;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Accounts: admins create users with a role, change roles, disable and re-enable accounts and
 * reset passwords (each revoking the user's cookies at once); everyone changes their own password.
 * The audit log, admins only.
 */
@Controller("/admin")
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserAdminController {

    private final UserService users;
    private final AuditLog audit;

    private final Messages messages;
    private final ClientAddresses addresses;
    private final AccountPages accountPages;
    private final AuditRows auditRows;

    public UserAdminController(UserService users, AuditLog audit, Messages messages, ClientAddresses addresses,
                               AccountPages accountPages, AuditRows auditRows) {
        this.auditRows = auditRows;
        this.messages = messages;
        this.addresses = addresses;
        this.accountPages = accountPages;
        this.users = users;
        this.audit = audit;
    }

    @Get("/users")
    public ModelAndView<?> list() {
        return page(new UserForm("", "", null, null, "AUTHOR"), Map.of());
    }

    @Post("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(@Body UserForm form, Authentication admin, HttpRequest<?> request) {
        try {
            User created = users.create(form.username(), form.displayName(), form.password(), role(form.role()));
            audit.record(admin.getName(), "user-create", "user " + created.username(), "role " + created.role(), address(request));
            return HttpResponse.seeOther(URI.create("/admin/users?done=user-create"));
        } catch (InvalidUserException | IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(page(form, errors(e)));
        }
    }

    @Post("/users/{id}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> role(Long id, @Body UserForm form, Authentication admin, HttpRequest<?> request) {
        return change(() -> users.changeRole(id, role(form.role())), "role-change", admin, request);
    }

    @Post("/users/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> disable(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication admin,
                                   HttpRequest<?> request) {
        if (!ConfirmPage.given(confirmed)) {
            return users.find(id).<HttpResponse<?>>map(user -> new ConfirmPage("userDisable", user.username(),
                    "/admin/users/" + id + "/disable", "/admin/users").ask())
                    .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of())));
        }
        return change(() -> users.setEnabled(id, false), "user-disable", admin, request);
    }

    @Post("/users/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> enable(Long id, Authentication admin, HttpRequest<?> request) {
        return change(() -> users.setEnabled(id, true), "user-enable", admin, request);
    }

    @Post("/users/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resetPassword(Long id, @Body UserForm form, Authentication admin, HttpRequest<?> request) {
        return change(() -> users.resetPassword(id, form.password()), "password-reset", admin, request);
    }

    @Get("/audit")
    public ModelAndView<?> auditLog() {
        return new ModelAndView<>("admin/audit", new AuditPage(auditRows.rows(audit.newest(500))));
    }

    @Get("/account")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ModelAndView<?> account(Authentication me) {
        return accountPages.page(me, Map.of());
    }

    @Post("/account/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> changeOwnPassword(@Body UserForm form, Authentication me, HttpRequest<?> request) {
        try {
            users.changeOwnPassword(me.getName(), form.currentPassword(), form.password());
            audit.record(me.getName(), "password-change", "user " + me.getName(), "", address(request));
            // The old cookie is revoked with the password: sign in again with the new one.
            return HttpResponse.seeOther(URI.create("/admin/login"));
        } catch (InvalidUserException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(accountPages.page(me, e.errors()));
        }
    }

    private interface Change {
        User apply();
    }

    private HttpResponse<?> change(Change change, String action, Authentication admin, HttpRequest<?> request) {
        try {
            User changed = change.apply();
            audit.record(admin.getName(), action, "user " + changed.username(),
                    "role " + changed.role() + (changed.enabled() ? "" : ", disabled"), address(request));
            return HttpResponse.seeOther(URI.create("/admin/users?done=" + action));
        } catch (InvalidUserException | IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(page(new UserForm("", "", null, null, "AUTHOR"), errors(e)));
        }
    }

    private ModelAndView<UserListPage> page(UserForm form, Map<String, String> errors) {
        return new ModelAndView<>("admin/users/list", new UserListPage(
                users.list().stream().map(UserListPage.UserSummary::of).toList(), form, errors, List.of(Role.values())));
    }

    private Map<String, String> errors(RuntimeException e) {
        return e instanceof InvalidUserException invalid ? invalid.errors() : Map.of("role", messages.get("admin.error.unknownRole"));
    }

    private static Role role(String text) {
        return Role.valueOf(text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    private String address(HttpRequest<?> request) {
        return addresses.of(request);
    }
}
