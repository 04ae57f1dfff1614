package dev.cms.admin.preview;

import dev.cms.web.site.PageAttributes;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Gives the public article template the banner of a shared preview ("a draft, this link works
 * until ..."), which {@link SharedPreviewController} sets on the request. It lives here rather
 * than with the admin's other page attributes so that login and CSRF code need not know previews.
 */
@Singleton
public class SharedPreviewBanner implements PageAttributes {

    @Override
    public void contribute(HttpRequest<?> request, Map<String, Object> model) {
        request.getAttribute(SharedPreviewController.BANNER_ATTRIBUTE, String.class)
                .ifPresent(banner -> model.put("previewBanner", banner));
    }
}
