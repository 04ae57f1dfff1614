package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;

/** An editor's pin or exclusion on an article's related list. */
@Introspected
public record RelatedOverride(Long id, String slug, String title, String kind) {

    public boolean pinned() {
        return "PIN".equals(kind);
    }
}
