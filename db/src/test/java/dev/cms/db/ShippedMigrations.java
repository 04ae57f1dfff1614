package dev.cms.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations the build ships, read from the classpath as Flyway names them, so the tests keep
 * holding when a migration is added; and a broken one for tests of failure.
 */
final class ShippedMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.sql");

    record Migration(int version, String description) {
    }

    private ShippedMigrations() {
    }

    static List<Migration> shipped() {
        URL folder = ShippedMigrations.class.getClassLoader().getResource("db/migration");
        if (folder == null) {
            throw new IllegalStateException("db/migration is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' ')))
                    .sorted(Comparator.comparingInt(Migration::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int latestVersion() {
        List<Migration> shipped = shipped();
        return shipped.get(shipped.size() - 1).version();
    }

    /**
     * Writes a migration one version after the shipped ones that creates a table and then fails,
     * and returns the Flyway location of its folder.
     */
    static String writeBrokenMigration(Path folder) throws IOException {
        Files.writeString(folder.resolve(brokenScript()), """
                -- Creates a table, then fails: whether the table survives depends on the database.
                CREATE TABLE broken_leftover (id INTEGER);
                THIS IS NOT SQL;
                """);
        return "filesystem:" + folder.toAbsolutePath();
    }

    static int brokenVersion() {
        return latestVersion() + 1;
    }

    static String brokenScript() {
        return "V" + brokenVersion() + "__broken.sql";
    }
}
