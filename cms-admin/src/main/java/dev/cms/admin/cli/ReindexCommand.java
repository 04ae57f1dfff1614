package dev.cms.admin.cli;

import dev.cms.core.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code reindex}: rebuilds the search index under the data directory from the database. The index
 * has one writer per directory, so the node using that data directory must be stopped first; a
 * node also rebuilds a missing or damaged index by itself at start.
 */
@Command(name = "reindex", description = {"Rebuild the search index under the data directory from the database.",
        "Stop the node that uses this data directory first (one process writes the index)."})
final class ReindexCommand implements Callable<Integer> {

    @ParentCommand
    private AdminCommandLine commandLine;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        SearchIndex index = commandLine.bean(SearchIndex.class);
        int articles = index.rebuild();
        commandLine.out().printf("Search index at %s rebuilt: %d published articles in %.1f s%n", index.path(), articles,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
