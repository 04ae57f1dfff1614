package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that gives every template what every page needs: the page's own model as
 * {@code page}, the site as {@code site} ({@link SiteView}: the admin's settings over the operator's), the message bundle as {@code t}, and whatever
 * {@link PageAttributes} beans add.
 */
@Singleton
public class SiteModelProcessor implements ViewModelProcessor<Object> {

    private final SiteSettings site;
    private final Messages messages;
    private final SiteTime siteTime;
    private final List<PageAttributes> attributes;
    private final CurrentSite currentSite;

    public SiteModelProcessor(SiteSettings site, Messages messages, SiteTime siteTime, List<PageAttributes> attributes,
                              CurrentSite currentSite) {
        this.site = site;
        this.currentSite = currentSite;
        this.messages = messages;
        this.siteTime = siteTime;
        this.attributes = attributes;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Object> modelAndView) {
        Object page = modelAndView.getModel().orElse(Map.of());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page);
        model.put("site", SiteView.of(site, currentSite.profile()));
        model.put("t", messages.bundle());
        model.put("lang", messages.languageTag());
        model.put("siteTime", siteTime);
        model.put("path", request.getPath());
        for (PageAttributes contributor : attributes) {
            contributor.contribute(request, model);
        }
        modelAndView.setModel(model);
    }
}
