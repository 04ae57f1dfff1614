package dev.cms.admin.auth;

import dev.cms.web.site.PageAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives admin templates the CSRF token for their forms, the signed-in user, and what the action
 * just taken did: a change answers with a redirect carrying {@code ?done=<action>}, and the layout
 * says so in the page's language ({@code admin.done.<action>}). Only the names below are shown, so
 * a crafted link can neither put text on the page nor name a message that does not exist.
 */
@Singleton
public class AdminPageAttributes implements PageAttributes {

    static final Set<String> DONE = Set.of("saved", "published", "scheduled", "submitted", "unpublished",
            "pending", "updated", "discarded",
            "unscheduled", "revision-restored", "trashed", "restored", "purged",
            "topic-create", "topic-rename", "topic-merge", "topic-delete", "topic-describe",
            "user-create", "role-change", "user-disable", "user-enable", "password-reset");

    @Override
    public void contribute(HttpRequest<?> request, Map<String, Object> model) {
        request.getParameters().getFirst("done").filter(DONE::contains).ifPresent(done -> model.put("done", done));
        request.getAttribute(CsrfFilter.TOKEN_ATTRIBUTE, String.class).ifPresent(token -> model.put("csrf", token));
        request.getUserPrincipal(Authentication.class).ifPresent(user -> {
            // The display name signed into the login cookie (LoginController), so no query per page.
            Object name = user.getAttributes().get("name");
            model.put("currentUser", name instanceof String display && !display.isBlank() ? display : user.getName());
            model.put("currentRoles", List.copyOf(user.getRoles()));
        });
    }
}
