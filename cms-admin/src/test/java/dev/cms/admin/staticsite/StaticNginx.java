package dev.cms.admin.staticsite;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * nginx serving an export folder with the README's configuration, taken from the README itself so
 * the documented lines are the tested ones. Skipped when nginx is missing, unless
 * CMS_REQUIRE_QUALITY_TOOLS=true (CI installs it).
 */
final class StaticNginx implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SERVER_BLOCK = Pattern.compile("```nginx\\n(server \\{\\n.*?\\n})\\n```",
            Pattern.DOTALL);

    private final Process process;
    private final int port;

    private StaticNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** nginx with the README's server block for {@code folder}, on a free local port, in {@code work}. */
    static StaticNginx serve(Path folder, Path work) throws IOException {
        if (!Files.isExecutable(NGINX)) {
            String message = NGINX + " not found (apt-get install -y nginx-light): the static export's nginx test"
                    + " is skipped";
            if (Boolean.parseBoolean(System.getenv("CMS_REQUIRE_QUALITY_TOOLS"))) {
                throw new IllegalStateException(message.replace("is skipped",
                        "is required by CMS_REQUIRE_QUALITY_TOOLS"));
            }
            Assumptions.abort(message);
        }
        Matcher block = SERVER_BLOCK.matcher(Files.readString(README));
        if (!block.find()) {
            throw new IllegalStateException("README.md has no ```nginx block starting with 'server {'");
        }
        int port = freePort();
        String server = block.group(1)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("root /srv/cms-static;", "root " + folder.toAbsolutePath() + ";");
        StringBuilder conf = new StringBuilder("daemon off;\nmaster_process off;\npid ")
                .append(work.resolve("nginx.pid"))
                .append(";\nerror_log stderr;\nevents {}\nhttp {\ninclude /etc/nginx/mime.types;\n")
                .append("default_type application/octet-stream;\naccess_log off;\n");
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            conf.append(temp).append("_temp_path ").append(work.resolve(temp)).append(";\n");
        }
        conf.append(server).append("\n}\n");
        Path file = work.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(NGINX.toString(), "-e", "stderr", "-p", work.toString(), "-c",
                file.toString()).redirectErrorStream(true).redirectOutput(work.resolve("nginx.log").toFile()).start();
        StaticNginx nginx = new StaticNginx(process, port);
        await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive() || nginx.listening());
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx did not start:\n" + Files.readString(work.resolve("nginx.log")));
        }
        return nginx;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
