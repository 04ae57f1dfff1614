package dev.cms.core.profile;

/** One entry of the site's navigation menu: what it says and where it leads (a site path or an http(s) URL). */
public record NavigationLink(String label, String href) {

    /** Whether it leads off the site (shown with {@code rel="noopener"}). */
    public boolean external() {
        return href.startsWith("http://") || href.startsWith("https://");
    }
}
