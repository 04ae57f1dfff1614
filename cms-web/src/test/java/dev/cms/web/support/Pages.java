package dev.cms.web.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Fetches public pages for tests, whatever their status, without following redirects. */
public final class Pages {

    private final HttpClient client;

    public Pages(HttpClient client) {
        this.client = client;
    }

    public Answer get(String path) {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path).header("Accept", "text/html"), String.class);
            return new Answer(response.code(), response.header("Location"), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().header("Location"), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /**
     * The status line of a request sent byte for byte as given, for URLs no client library would
     * build (bad percent escapes, dot segments).
     */
    public static int rawStatus(URI server, String rawPath) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request sent byte for byte as given (request line, headers and all, ending in an empty
     * line) over a new connection, and the whole answer as read until the server closes it.
     */
    public static Answer raw(URI server, String request) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String location = head.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                    .map(l -> l.substring(9).strip()).findFirst().orElse(null);
            return new Answer(Integer.parseInt(head.split(" ")[1]), location, end < 0 ? "" : answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of this target exactly as given, closing the connection after the answer. */
    public static Answer rawGet(URI server, String target) {
        return raw(server, "GET " + target + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
    }

    /** A page as a reader's browser gets it. */
    public record Answer(int status, String location, String body) {

        public Document document() {
            return Jsoup.parse(body);
        }
    }
}
