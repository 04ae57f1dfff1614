package dev.cms.core.search;

import dev.cms.core.content.ArticleChanged;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;

/**
 * What keeps the search index following the database: opening (and if need be building) it at
 * startup, every article change once its transaction has committed, and a periodic catch-up with
 * changes made on other nodes, whose events this node never sees
 * ({@code cms.search.catch-up-interval}, default one minute). A process that only runs a command
 * sets {@code cms.search.enabled=false} and leaves the index alone ({@link SearchIndex#rebuild()}
 * still opens it when called).
 */
@Singleton
@Requires(property = "cms.search.enabled", notEquals = "false")
public class SearchIndexUpdates {

    private final SearchIndex index;

    public SearchIndexUpdates(SearchIndex index) {
        this.index = index;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        index.start();
    }

    /** After commit, so the index reads what was committed; a rolled-back change is never indexed. */
    @TransactionalEventListener
    public void onArticleChanged(ArticleChanged event) {
        index.articleChanged(event.articleId());
    }

    @Scheduled(fixedDelay = "${cms.search.catch-up-interval:1m}", initialDelay = "${cms.search.catch-up-interval:1m}")
    public void catchUp() {
        index.catchUp();
    }
}
