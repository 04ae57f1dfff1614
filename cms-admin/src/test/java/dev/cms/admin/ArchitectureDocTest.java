package dev.cms.admin;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps ARCHITECTURE.md true to the code, cheaply: every class, member and package it names must
 * exist in the sources, and every main package must be listed there. A rename or a new package then
 * fails the build until the notes follow. Lives in cms-admin because that module's directory sits
 * beside all the others; it reads source files only, so it needs no compiled class of theirs.
 */
class ArchitectureDocTest {

    /** A fully qualified package or class of this project: {@code dev.cms.core.article.ArticleEditService}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.cms(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\n]+)`");
    /**
     * A backticked class name, optionally with a member: {@code ArticleEditService}, {@code
     * ContentVersion.raise}. It needs a lower-case letter, so {@code PUBLISHED}, {@code AUTO_SERVER}
     * and environment variables are not taken for classes.
     */
    private static final Pattern CLASS_REFERENCE =
            Pattern.compile("([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:[.#]([A-Za-z_][A-Za-z0-9_]*)(?:\\(\\))?)?");

    private static Path root;
    private static String doc;
    /** Every Java source of the repository by fully qualified name, main and test alike. */
    private static final Map<String, Path> sources = new HashMap<>();
    private static final Map<String, List<Path>> bySimpleName = new HashMap<>();
    private static final Set<String> packages = new TreeSet<>();
    private static final Set<String> mainPackages = new TreeSet<>();

    @BeforeAll
    static void readRepository() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("ARCHITECTURE.md"))) {
            root = root.getParent();
        }
        assertTrue(root != null, "ARCHITECTURE.md not found above " + Path.of("").toAbsolutePath());
        doc = Files.readString(root.resolve("ARCHITECTURE.md"));
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> !excluded(root.relativize(p)))
                    .forEach(ArchitectureDocTest::index);
        }
        assertTrue(sources.size() > 100, "too few Java sources found under " + root + ": " + sources.size());
    }

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static void index(Path file) {
        String path = root.relativize(file).toString().replace('\\', '/');
        for (String tree : List.of("/src/main/java/", "/src/test/java/")) {
            int at = path.indexOf(tree);
            if (at < 0) {
                continue;
            }
            String qualified = path.substring(at + tree.length(), path.length() - ".java".length()).replace('/', '.');
            sources.put(qualified, file);
            bySimpleName.computeIfAbsent(qualified.substring(qualified.lastIndexOf('.') + 1), k -> new ArrayList<>())
                    .add(file);
            String pkg = qualified.contains(".") ? qualified.substring(0, qualified.lastIndexOf('.')) : "";
            packages.add(pkg);
            if (tree.contains("main")) {
                mainPackages.add(pkg);
            }
        }
    }

    @Test
    void everyQualifiedNameInTheNotesExists() {
        Set<String> missing = new TreeSet<>();
        Matcher m = QUALIFIED.matcher(doc);
        while (m.find()) {
            String name = m.group();
            String last = name.substring(name.lastIndexOf('.') + 1);
            boolean exists = Character.isUpperCase(last.charAt(0)) ? sources.containsKey(name) : packages.contains(name);
            if (!exists) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "ARCHITECTURE.md names packages or classes that are not in the sources: "
                + missing + "; update the notes with the code");
    }

    @Test
    void everyBacktickedClassAndMemberInTheNotesExists() throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        int checked = 0;
        Matcher m = BACKTICKED.matcher(doc);
        while (m.find()) {
            Matcher reference = CLASS_REFERENCE.matcher(m.group(1).strip());
            if (!reference.matches()) {
                continue;
            }
            checked++;
            List<Path> files = bySimpleName.get(reference.group(1));
            if (files == null) {
                missing.add(m.group(1) + " (no " + reference.group(1) + ".java)");
                continue;
            }
            String member = reference.group(2);
            if (member != null && !declaresWord(files, member)) {
                missing.add(m.group(1) + " (" + reference.group(1) + ".java has no " + member + ")");
            }
        }
        assertTrue(checked > 50, "expected ARCHITECTURE.md to name many classes, found " + checked);
        assertTrue(missing.isEmpty(), "ARCHITECTURE.md names classes or members that are not in the sources: "
                + missing + "; update the notes with the code");
    }

    @Test
    void everyMainPackageIsListedInTheNotes() {
        Set<String> named = new TreeSet<>();
        QUALIFIED.matcher(doc).results().forEach(r -> named.add(r.group()));
        Set<String> unlisted = new TreeSet<>(mainPackages);
        unlisted.removeAll(named);
        assertTrue(unlisted.isEmpty(), "packages missing from ARCHITECTURE.md's package list: " + unlisted
                + "; add a line saying what lives there");
    }

    private static boolean declaresWord(List<Path> files, String word) throws IOException {
        Pattern w = Pattern.compile("\\b" + Pattern.quote(word) + "\\b");
        for (Path file : files) {
            if (w.matcher(Files.readString(file)).find()) {
                return true;
            }
        }
        return false;
    }
}
