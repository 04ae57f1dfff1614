package dev.cms.web.quality;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Nu Html Checker (vnu.jar) over HTML files and returns its error messages. One JVM
 * launch checks every file: starting the checker costs seconds, checking a page milliseconds.
 */
public final class NuHtmlChecker {

    private static final long TIMEOUT_SECONDS = 120;

    private NuHtmlChecker() {
    }

    /** What vnu's {@code --format json} writes for one problem; lines and columns are 1-based. */
    @Serdeable
    public record Message(String type,
                   @Nullable String url,
                   @Nullable Integer lastLine,
                   @Nullable Integer firstColumn,
                   @Nullable String message,
                   @Nullable String extract) {

        /** The checked file's name (its URL is file:/tmp/.../name.html). */
        public String file() {
            return url == null ? "(no file)" : url.substring(url.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return file() + ":" + lastLine + ":" + firstColumn + ": " + type + ": " + message
                    + (extract == null ? "" : "\n      " + extract.replace("\n", "\n      "));
        }
    }

    @Serdeable
    record Report(@Nullable List<Message> messages) {
    }

    /** The errors vnu finds in the files (empty when they are all valid). */
    public static List<Message> errors(JsonMapper json, Path vnuJar, List<Path> files) throws IOException, InterruptedException {
        Path output = Files.createTempFile("vnu-", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", vnuJar.toString(), "--errors-only", "--format", "json"));
            files.forEach(f -> command.add(f.toString()));
            // vnu writes its report to stderr and nothing useful to stdout.
            Process vnu = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(output.toFile())
                    .start();
            if (!vnu.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                vnu.destroyForcibly();
                throw new IllegalStateException("vnu did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(output);
            Report report;
            try {
                report = json.readValue(text, Argument.of(Report.class));
            } catch (IOException e) {
                throw new IllegalStateException("vnu (exit " + vnu.exitValue() + ") wrote no JSON report: " + text, e);
            }
            List<Message> errors = report.messages() == null ? List.of()
                    : report.messages().stream().filter(m -> !"info".equals(m.type())).toList();
            if (vnu.exitValue() != 0 && errors.isEmpty()) {
                throw new IllegalStateException("vnu failed (exit " + vnu.exitValue() + "): " + text);
            }
            return errors;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
