package dev.cms.admin.support;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A built jar run as a process of its own, the way an operator runs it: for tests that stop it,
 * kill it or start it again on the same data.
 */
public final class PackagedNode implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private PackagedNode(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code jar} on {@code port} with the data directory and any further environment
     * (a {@code null} value removes a variable), and returns once it has started; its output goes
     * to {@code log}.
     */
    public static PackagedNode start(Path jar, int port, Path dataDir, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CMS_PORT", String.valueOf(port));
        builder.environment().put("CMS_DATA_DIR", dataDir.toString());
        builder.environment().remove("CMS_DB_URL");
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        long logged = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        try {
            await(jar.getFileName() + " to start").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                byte[] bytes = Files.readAllBytes(log);
                String output = new String(bytes, (int) logged, bytes.length - (int) logged, StandardCharsets.UTF_8);
                if (!output.contains("Startup completed") && !process.isAlive()) {
                    throw new AssertionError(jar + " exited with " + process.exitValue() + ":\n" + output);
                }
                return output.contains("Startup completed");
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(jar + " did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
        }
        return new PackagedNode(process);
    }

    /** kill -9: the process ends at once, with no shutdown hook, no flush and no close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM), forced after 20 seconds. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
