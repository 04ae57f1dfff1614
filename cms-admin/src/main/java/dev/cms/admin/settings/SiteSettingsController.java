package dev.cms.admin.settings;

import dev.cms.admin.auth.Actors;
import dev.cms.admin.auth.ClientAddresses;
import dev.cms.core.media.MediaService;
import dev.cms.core.profile.InvalidSiteProfileException;
import dev.cms.core.profile.SiteProfileEdit;
import dev.cms.core.profile.SiteProfileService;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;

/**
 * 站点设置 for admins: the site's name, description, footer, navigation menu and images, stored
 * in the database over the operator's defaults and effective on every node within the page
 * cache's version check. The service checks the role again; the form keeps what was typed when
 * something cannot be saved.
 */
@Controller("/admin/settings")
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SiteSettingsController {

    /** Images offered for the logo, favicon and share image: the newest uploads. */
    private static final int IMAGES_OFFERED = 24;

    private final SiteProfileService profiles;
    private final MediaService media;
    private final Actors actors;
    private final ClientAddresses addresses;

    public SiteSettingsController(SiteProfileService profiles, MediaService media, Actors actors,
                                  ClientAddresses addresses) {
        this.profiles = profiles;
        this.media = media;
        this.actors = actors;
        this.addresses = addresses;
    }

    /** What the settings form posts. */
    @Serdeable
    public record SiteSettingsForm(@Nullable String siteName, @Nullable String description,
                                   @Nullable String footerText, @Nullable String navigation,
                                   @Nullable String logoUrl, @Nullable String faviconUrl,
                                   @Nullable String shareImageUrl) {

        SiteProfileEdit edit() {
            return new SiteProfileEdit(siteName, description, footerText, navigation, logoUrl, faviconUrl, shareImageUrl);
        }
    }

    @Get
    public ModelAndView<SiteSettingsPage> show(@QueryValue @Nullable String saved) {
        return page(profiles.stored(), Map.of(), saved != null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> save(@Body SiteSettingsForm form, Authentication user, HttpRequest<?> request) {
        try {
            profiles.update(form.edit(), actors.of(user), addresses.of(request));
            return HttpResponse.seeOther(URI.create("/admin/settings?saved=1"));
        } catch (InvalidSiteProfileException e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(page(form.edit(), e.errors(), false));
        }
    }

    private ModelAndView<SiteSettingsPage> page(SiteProfileEdit form, Map<String, String> errors, boolean saved) {
        return new ModelAndView<>("admin/settings/edit", new SiteSettingsPage(form, errors, saved,
                profiles.defaultSiteName(), media.library(null, IMAGES_OFFERED).items()));
    }
}
