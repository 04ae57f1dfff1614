package dev.cms.core.content;

import java.util.Set;

/** One committed change as the nodes read it: the content version it raised to, and its {@link PageTags}. */
public record ContentChange(long version, Set<String> tags) {

    public boolean everything() {
        return tags.contains(PageTags.EVERYTHING);
    }
}
