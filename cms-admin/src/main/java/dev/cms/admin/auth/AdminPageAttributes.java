package dev.cms.admin.auth;

import dev.cms.web.site.PageAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Gives admin templates the CSRF token for their forms and the signed-in user. */
@Singleton
public class AdminPageAttributes implements PageAttributes {

    @Override
    public void contribute(HttpRequest<?> request, Map<String, Object> model) {
        request.getAttribute(CsrfFilter.TOKEN_ATTRIBUTE, String.class).ifPresent(token -> model.put("csrf", token));
        request.getUserPrincipal(Authentication.class).ifPresent(user -> {
            model.put("currentUser", user.getName());
            model.put("currentRoles", List.copyOf(user.getRoles()));
        });
    }
}
