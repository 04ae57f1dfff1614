package dev.cms.core.content;

import dev.cms.core.article.ArticleChanged;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * The public site's content version: raised inside the transaction of every change that can alter
 * a public page, so it commits or rolls back with the change itself and every node sharing the
 * database can tell its rendered pages are stale.
 */
@Singleton
public class ContentVersion {

    private final ContentVersionRepository versions;
    private final ApplicationEventPublisher<ContentVersionRaised> raised;

    public ContentVersion(ContentVersionRepository versions, ApplicationEventPublisher<ContentVersionRaised> raised) {
        this.versions = versions;
        this.raised = raised;
    }

    /** Raises the version as part of the caller's transaction (or its own when there is none). */
    @Transactional
    public void raise() {
        versions.increment();
        raised.publishEvent(new ContentVersionRaised(System.nanoTime()));
    }

    /**
     * Every article change is announced with {@link ArticleChanged}; listening synchronously keeps
     * the raise inside the transaction that made the change (the scheduler's claim included).
     */
    @EventListener
    public void onArticleChanged(ArticleChanged event) {
        raise();
    }

    @Transactional(readOnly = true)
    public long current() {
        return versions.current();
    }
}
