package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.RedirectItem;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/** Checks {@code slug-redirects.jsonl} or {@code topic-redirects.jsonl}: each old slug once, every target known. */
final class RedirectValidator {

    private final BiConsumer<String, ArchiveItem> checkTarget;
    private final Set<String> oldSlugs = new HashSet<>();

    private RedirectValidator(BiConsumer<String, ArchiveItem> checkTarget) {
        this.checkTarget = checkTarget;
    }

    static RedirectValidator ofArticles(ArticleValidator articles) {
        return new RedirectValidator((target, item) -> articles.checkReference(target, "target", item));
    }

    static RedirectValidator ofTopics(TopicValidator topics) {
        return new RedirectValidator((target, item) -> {
            if (target != null && !topics.isKnown(target)) {
                item.error("target topic \"" + target + "\" is neither in the archive nor in the site");
            }
        });
    }

    void check(ArchiveItem i) {
        RedirectItem r = ImportItems.redirect(i);
        checkTarget.accept(r.target(), i);
        if (r.oldSlug() != null && !oldSlugs.add(r.oldSlug())) {
            i.error("a second redirect from this slug");
        }
    }
}
