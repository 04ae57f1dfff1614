package dev.cms.admin.staticsite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs a URL path from a server as a reader's browser would, with no redirect followed. */
final class NodeClient {

    record Answer(int status, byte[] body) {
    }

    private final URI server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    NodeClient(URI server) {
        this.server = server;
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }
}
