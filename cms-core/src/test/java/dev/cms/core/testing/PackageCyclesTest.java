package dev.cms.core.testing;

import dev.cms.core.article.Article;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packages of cms-core depend on each other in one direction only (ARCHITECTURE.md lists them
 * in that order), so each can be read, and changed, knowing only those below it.
 */
class PackageCyclesTest {

    @Test
    void corePackagesHaveNoCycle() {
        PackageCycles.assertNone(Article.class, "dev.cms.core.");
    }

    @Test
    void everyPackageOfACycleIsNamedAndNothingElse() {
        Map<String, Set<String>> graph = Map.of(
                "app", Set.of("article"),
                "article", Set.of("topic", "site"),
                "topic", Set.of("related"),
                "related", Set.of("article", "site"),
                "site", Set.of("schema"),
                "schema", Set.of("site"),
                "feed", Set.of("feed"));
        assertEquals(List.of(List.of("article", "related", "topic"), List.of("schema", "site")),
                PackageCycles.cycles(graph));
    }

    @Test
    void packagesUsedOneWayAreNoCycle() {
        Map<String, Set<String>> graph = Map.of(
                "article", Set.of("topic", "related", "content"),
                "topic", Set.of("related", "content"),
                "related", Set.of("content"),
                "content", Set.of());
        assertEquals(List.of(), PackageCycles.cycles(graph));
    }
}
