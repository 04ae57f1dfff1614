package dev.cms.admin.auth;

import dev.cms.core.user.UnsavedFormService;
import dev.cms.core.user.UserService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.util.Map;
import java.util.Optional;

/**
 * Where a login that carried a form whose own login had ended leads: a page that sends that form
 * again, to where it was going, with one press. Loaded after the login, so its CSRF token is the
 * new login's. Each user sees only their own kept forms, for a day.
 */
@Controller("/admin/resume")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ResumeController {

    /** The page of a kept form is this followed by its id. */
    public static final String PATH = "/admin/resume/";

    private final UnsavedFormService unsavedForms;
    private final UserService users;

    public ResumeController(UnsavedFormService unsavedForms, UserService users) {
        this.unsavedForms = unsavedForms;
        this.users = users;
    }

    @Get("/{id}")
    public HttpResponse<?> show(String id, Authentication me) {
        Optional<ResumedForm> form = users.find(me.getName()).flatMap(user -> unsavedForms.find(id, user))
                .map(kept -> ResumedForm.of(kept.targetPath(), kept.formFields()));
        if (form.isEmpty()) {
            return HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of()));
        }
        return HttpResponse.ok(new ModelAndView<>("admin/resume", new ResumePage(form.get())));
    }
}
