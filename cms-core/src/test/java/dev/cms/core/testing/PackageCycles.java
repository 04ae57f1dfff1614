package dev.cms.core.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps a module's packages free of cycles: reads the references in its compiled classes with the
 * JDK's own {@code jdeps} and fails naming every cycle, with the classes behind each edge of it.
 * Class files count every use, imported or written out in full, and generated bean definitions
 * count for the class they were made from. A use of a compile-time constant alone (an SQL fragment
 * such as {@code Visibility.PUBLISHED} in a {@code @Query}) is copied into the class file and
 * leaves no trace there, so the imports of the module's sources, when they are beside its classes,
 * count too.
 */
public final class PackageCycles {

    /** One line of {@code jdeps -verbose:class}: {@code   a.b.C  -> d.e.F  classes}. */
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");
    /** An import of a class or of its member: the class's package and name. */
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?((?:[a-z_][\\w]*\\.)+)([A-Z]\\w*)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    private PackageCycles() {
    }

    /**
     * Fails if the packages under {@code prefix} (such as {@code dev.cms.core.}) among the compiled
     * classes that hold {@code anyClass} depend on each other in a cycle.
     */
    public static void assertNone(Class<?> anyClass, String prefix) {
        Path classes = locationOf(anyClass);
        Map<String, Map<String, List<String>>> graph = packageGraph(classes, prefix);
        addImports(graph, classes.resolve("../../src/main/java").normalize(), prefix);
        if (graph.values().stream().allMatch(Map::isEmpty)) {
            fail("jdeps found no use of one package of " + prefix + "* by another in " + classes
                    + ": did its output change? " + graph.keySet());
        }
        List<List<String>> cycles = cycles(edgesOf(graph));
        if (!cycles.isEmpty()) {
            fail(describe(cycles, graph, classes));
        }
    }

    /**
     * The packages that depend on each other in a cycle, each group sorted, groups sorted by their
     * first package: the strongly connected components with more than one package (Tarjan).
     */
    public static List<List<String>> cycles(Map<String, ? extends Collection<String>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        new TreeSet<>(graph.keySet()).forEach(tarjan::visitIfNew);
        tarjan.components.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return tarjan.components;
    }

    private static Path locationOf(Class<?> anyClass) {
        try {
            return Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package to package it uses to the class pairs behind that use ({@code A -> B}). */
    private static Map<String, Map<String, List<String>>> packageGraph(Path classes, String prefix) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError(
                "jdeps is not in this Java runtime (module jdk.jdeps): run the tests on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
                "-e", Pattern.quote(prefix) + ".*", classes.toString());
        if (status != 0) {
            fail("jdeps failed on " + classes + " (" + status + "): " + err + out);
        }
        Map<String, Map<String, List<String>>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = DEPENDENCY.matcher(line);
            if (!m.matches() || !m.group(1).startsWith(prefix) || !m.group(2).startsWith(prefix)) {
                continue;
            }
            add(graph, packageOf(m.group(1)), packageOf(m.group(2)),
                    sourceName(m.group(1)) + " -> " + sourceName(m.group(2)));
        }
        return graph;
    }

    /** The imports of the sources under {@code sources}, if there are sources there. */
    private static void addImports(Map<String, Map<String, List<String>>> graph, Path sources, String prefix) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find() || !declared.group(1).startsWith(prefix)) {
                    continue;
                }
                String name = file.getFileName().toString().replace(".java", "");
                Matcher imported = IMPORT.matcher(text);
                while (imported.find()) {
                    String to = imported.group(1).substring(0, imported.group(1).length() - 1);
                    if (to.startsWith(prefix)) {
                        add(graph, declared.group(1), to, name + " -> " + imported.group(2) + " (import)");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the sources under " + sources + " failed", e);
        }
    }

    private static void add(Map<String, Map<String, List<String>>> graph, String from, String to, String pair) {
        Map<String, List<String>> uses = graph.computeIfAbsent(from, p -> new TreeMap<>());
        graph.computeIfAbsent(to, p -> new TreeMap<>());
        if (!from.equals(to)) {
            List<String> pairs = uses.computeIfAbsent(to, p -> new ArrayList<>());
            if (!pairs.contains(pair)) {
                pairs.add(pair);
            }
        }
    }

    private static Map<String, Set<String>> edgesOf(Map<String, Map<String, List<String>>> graph) {
        Map<String, Set<String>> edges = new TreeMap<>();
        graph.forEach((from, uses) -> edges.put(from, uses.keySet()));
        return edges;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The class a reader knows: {@code $ArticleEditService$Definition$Intercepted} is ArticleEditService's. */
    private static String sourceName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (simple.startsWith("$")) {
            simple = simple.substring(1);
        }
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }

    private static String describe(List<List<String>> cycles, Map<String, Map<String, List<String>>> graph,
                                   Path classes) {
        StringBuilder text = new StringBuilder("Package cycles among the classes in " + classes
                + " (each package of a group reaches every other; moving what one edge needs breaks it):");
        for (List<String> group : cycles) {
            text.append("\n  ").append(String.join(", ", group));
            text.append("\n    for example ").append(String.join(" -> ", shortestCycle(group, graph)));
            for (String from : group) {
                graph.get(from).forEach((to, pairs) -> {
                    if (group.contains(to)) {
                        text.append("\n    ").append(from).append(" -> ").append(to).append(": ")
                                .append(String.join(", ", pairs.subList(0, Math.min(3, pairs.size()))))
                                .append(pairs.size() > 3 ? " and " + (pairs.size() - 3) + " more" : "");
                    }
                });
            }
        }
        return text.toString();
    }

    /** The shortest way from the group's first package back to itself (breadth first). */
    private static List<String> shortestCycle(List<String> group, Map<String, Map<String, List<String>>> graph) {
        String start = group.get(0);
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : graph.get(at).keySet()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = at; !p.equals(start); p = cameFrom.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (group.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return group;
    }

    private static final class Tarjan {
        private final Map<String, ? extends Collection<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, ? extends Collection<String>> graph) {
            this.graph = graph;
        }

        void visitIfNew(String node) {
            if (!index.containsKey(node)) {
                visit(node);
            }
        }

        // Recursive: a module has a few dozen packages, far from any stack limit.
        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            Collection<String> uses = graph.get(node);
            for (String next : uses == null ? Set.<String>of() : new TreeSet<>(uses)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    components.add(new ArrayList<>(component));
                }
            }
        }
    }
}
