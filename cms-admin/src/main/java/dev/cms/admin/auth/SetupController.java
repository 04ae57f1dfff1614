package dev.cms.admin.auth;

import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.SetupDoneException;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;

/**
 * The first-start page that creates the first admin account. It exists only while the site has
 * no user at all; afterwards it sends everyone to the login page.
 */
@Controller("/admin/setup")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SetupController {

    private final UserService users;
    private final LoginController login;

    private final Messages messages;

    public SetupController(UserService users, LoginController login, Messages messages) {
        this.messages = messages;
        this.users = users;
        this.login = login;
    }

    /** Where a setup that came too late sends its visitor: the login page, saying why. */
    static final URI SETUP_DONE = URI.create("/admin/login?setup=done");

    @Get
    public HttpResponse<?> form() {
        if (users.hasUsers()) {
            return HttpResponse.seeOther(URI.create("/admin/login"));
        }
        return HttpResponse.ok(new ModelAndView<>("admin/setup", page(new SetupForm("", "", null, null), Map.of())));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(@Body SetupForm form, HttpRequest<?> request) {
        if (users.hasUsers()) {
            return HttpResponse.seeOther(SETUP_DONE);
        }
        if (form.password() == null || !form.password().equals(form.passwordConfirm())) {
            return invalid(form, Map.of("passwordConfirm", messages.get("admin.error.passwordMismatch")));
        }
        try {
            User admin = users.createFirstAdmin(form.username(), form.displayName(), form.password());
            return login.signIn(admin, request);
        } catch (SetupDoneException e) {
            // Another setup submitted at the same moment made the first admin.
            return HttpResponse.seeOther(SETUP_DONE);
        } catch (InvalidUserException e) {
            return invalid(form, e.errors());
        }
    }

    private static HttpResponse<?> invalid(SetupForm form, Map<String, String> errors) {
        return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new ModelAndView<>("admin/setup", page(form, errors)));
    }

    private static SetupPage page(SetupForm form, Map<String, String> errors) {
        return new SetupPage(form.username() == null ? "" : form.username(),
                form.displayName() == null ? "" : form.displayName(), errors);
    }
}
