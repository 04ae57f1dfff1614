package dev.cms.admin.cli;

import dev.cms.core.search.SearchIndex;
import org.apache.lucene.store.LockObtainFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code reindex}: rebuilds the search index from the database on every node. Each node keeps its
 * own index, so the command records the request in the database, where every running node sees it
 * at its next catch-up and rebuilds in the background (searches keep being answered from the old
 * index meanwhile). When no node holds this data directory's index, the command also rebuilds
 * that one here and now.
 */
@Command(name = "reindex", description = {"Rebuild the search index from the database, on every node.",
        "Running nodes rebuild theirs in the background within CMS_SEARCH_CATCH_UP_INTERVAL (default 1 minute),",
        "answering searches from the old index meanwhile; when no running node uses this data directory,",
        "its index is rebuilt here at once."})
final class ReindexCommand implements Callable<Integer> {

    static final String ACTOR = "command-line";

    @ParentCommand
    private AdminCommandLine commandLine;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        SearchIndex index = commandLine.bean(SearchIndex.class);
        long generation = index.requestRebuildEverywhere(ACTOR);
        try {
            int articles = index.rebuild();
            commandLine.out().printf("Search index at %s rebuilt: %d published articles in %.1f s%n", index.path(),
                    articles, (System.nanoTime() - started) / 1e9);
            commandLine.out().printf("Asked every running node to rebuild its index too (reindex generation %d).%n",
                    generation);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                throw e;
            }
            commandLine.out().printf("The search index at %s is in use by a running node.%n", index.path());
            commandLine.out().printf("Asked every running node to rebuild its index (reindex generation %d): each does"
                    + " within its catch-up interval, answering searches from its old index meanwhile.%n", generation);
        }
        return 0;
    }
}
