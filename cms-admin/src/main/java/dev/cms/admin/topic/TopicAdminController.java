package dev.cms.admin.topic;

import dev.cms.admin.site.ConfirmPage;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.topic.TopicService;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;

/** Topics for editors: rename (old URL redirects), merge two, delete (articles keep their other topics). */
@Controller("/admin/topics")
@Produces(MediaType.TEXT_HTML)
@Secured({"ADMIN", "EDITOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class TopicAdminController {

    private final TopicService topics;
    private final AuditLog audit;

    public TopicAdminController(TopicService topics, AuditLog audit) {
        this.topics = topics;
        this.audit = audit;
    }

    /** What the topic forms post. */
    @Serdeable
    public record TopicForm(@Nullable String name, @Nullable Long targetId, @Nullable String description) {
    }

    @Get
    public ModelAndView<?> list() {
        return page(null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(@Body TopicForm form, Authentication user) {
        try {
            var created = topics.create(form.name(), form.description());
            audit.record(user.getName(), "topic-create", "topic " + created.id() + " " + created.name(), "", "");
            return HttpResponse.seeOther(URI.create("/admin/topics?done=topic-create"));
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>("admin/topics/list",
                    new TopicListPage(topics.listWithCounts(), e.getMessage(), form.name(), form.description(), null, null)));
        }
    }

    @Post("/{id}/description")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> describe(Long id, @Body TopicForm form, Authentication user) {
        try {
            topics.describe(id, form.description());
            audit.record(user.getName(), "topic-describe", "topic " + id, "", "");
            return HttpResponse.seeOther(URI.create("/admin/topics?done=topic-describe"));
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>("admin/topics/list",
                    new TopicListPage(topics.listWithCounts(), e.getMessage(), null, null, id, form.description())));
        }
    }

    @Post("/{id}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> rename(Long id, @Body TopicForm form, Authentication user) {
        return change(() -> topics.rename(id, form.name()), user, "topic-rename", "topic " + id + " → " + form.name());
    }

    @Post("/{id}/merge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> merge(Long id, @Body TopicForm form, Authentication user) {
        return change(() -> topics.merge(id, form.targetId() == null ? -1L : form.targetId()), user, "topic-merge",
                "topic " + id + " → " + form.targetId());
    }

    @Post("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(Long id, @Nullable @Body(ConfirmPage.FIELD) String confirmed, Authentication user) {
        if (!ConfirmPage.given(confirmed)) {
            return topics.find(id).<HttpResponse<?>>map(topic -> new ConfirmPage("topicDelete", topic.name(),
                    "/admin/topics/" + id + "/delete", "/admin/topics").ask())
                    .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("admin/not-found", Map.of())));
        }
        return change(() -> topics.delete(id), user, "topic-delete", "topic " + id);
    }

    private HttpResponse<?> change(Runnable action, Authentication user, String auditAction, String target) {
        try {
            action.run();
            audit.record(user.getName(), auditAction, target, "", "");
            return HttpResponse.seeOther(URI.create("/admin/topics?done=" + auditAction));
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(page(e.getMessage()));
        }
    }

    private ModelAndView<TopicListPage> page(@Nullable String error) {
        return new ModelAndView<>("admin/topics/list", new TopicListPage(topics.listWithCounts(), error, null, null, null, null));
    }
}
