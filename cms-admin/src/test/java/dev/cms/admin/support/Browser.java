package dev.cms.admin.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A minimal browser for end-to-end tests over real HTTP: keeps cookies, does not follow redirects
 * (tests check them), parses pages with jsoup and submits forms with their hidden fields.
 */
public class Browser {

    /** What browsers ask for when they load a page. */
    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Sends this header with every later request (as a proxy in front of the node would add it). */
    public Browser header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Browser(URI base) {
        this.base = base;
        this.cookies = new CookieManager();
        cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The value of a cookie this browser holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Puts a cookie into this browser, as an attacker who forged one would. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookies.getCookieStore().add(base, cookie);
    }

    /** A browser signed in to the admin at {@code base} through the login form (failing the test if refused). */
    public static Browser signedIn(URI base, String username, String password) {
        Browser browser = new Browser(base);
        int status = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                java.util.Map.of("username", username, "password", password)).status();
        if (status != 303) {
            throw new AssertionError("signing in as " + username + " gave " + status + ", not 303");
        }
        return browser;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", ACCEPT_HTML).GET().build());
    }

    /** The bytes of a GET (an image, say), with status and headers. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts the fields as a form, exactly as given (no hidden fields added). */
    public Page post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", ACCEPT_HTML)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts a form body exactly as given, byte for byte (broken escapes and all), as no browser would. */
    public Page postRaw(String path, String rawBody) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", ACCEPT_HTML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(rawBody.getBytes(StandardCharsets.ISO_8859_1))).build());
    }

    /** Submits a form of the page as a browser would: its current field values, then the overrides. */
    public Page submit(Page page, String formSelector, Map<String, String> overrides) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
        }
        return post(form.attr("action"), fields(page, formSelector, overrides));
    }

    /** The fields a form of the page would send: its current values, then the overrides. */
    public static Map<String, String> fields(Page page, String formSelector, Map<String, String> overrides) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name]")) {
            // As a browser sends them: of radio buttons and checkboxes, only those checked.
            boolean choice = input.attr("type").equals("radio") || input.attr("type").equals("checkbox");
            if (choice && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        fields.putAll(overrides);
        return fields;
    }

    /** Follows a 307 or 308 answer as browsers do: the same fields posted again, to the new location. */
    public Page followPost(Page redirect, Map<String, String> fields) {
        String location = redirect.header("Location");
        if ((redirect.status() != 307 && redirect.status() != 308) || location == null) {
            throw new AssertionError("Expected a 307/308 from " + redirect.uri() + " but got " + redirect.status());
        }
        return post(location, fields);
    }

    /**
     * Posts a multipart form as given: the text fields, then one file part with the name and type
     * the client declares, plus any extra headers (no hidden fields added).
     */
    public Page postMultipart(String path, Map<String, String> fields, FilePart file, Map<String, String> headers) {
        String boundary = "----cms-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file.content());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", ACCEPT_HTML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::setHeader);
        return send(request.build());
    }

    /** Uploads a file through a form of the page as a browser would: to its action, with its hidden fields. */
    public Page upload(Page page, String formSelector, FilePart file) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden][name]")) {
            fields.put(input.attr("name"), input.val());
        }
        return postMultipart(form.attr("action"), fields, file, Map.of());
    }

    /**
     * A GET sent byte for byte as given over a plain socket, for targets no HTTP client would send
     * unchanged (dot segments, encoded slashes, backslashes).
     */
    public Page rawGet(String target) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAccept: " + ACCEPT_HTML + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\r\n\r\n");
            String[] head = (end < 0 ? raw : raw.substring(0, end)).split("\r\n");
            Map<String, java.util.List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(head[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                            .add(head[i].substring(colon + 1).strip());
                }
            }
            String body = end < 0 ? "" : raw.substring(end + 4);
            return new Page(base.resolve("/"), Integer.parseInt(head[0].split(" ")[1]), headers, body, Jsoup.parse(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request sent byte for byte as given (the target may hold broken escapes no HTTP client
     * sends) with this browser's cookies, over a connection of its own; the body, if any, as given.
     */
    public Page raw(String method, String target, String contentType, byte[] body, Map<String, String> extraHeaders) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAccept: " + ACCEPT_HTML + "\r\nConnection: close\r\n");
        String cookieHeader = cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            head.append("Cookie: ").append(cookieHeader).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] answer;
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                answer = socket.getInputStream().readAllBytes();
            } catch (IOException refused) {
                // The server answered and closed before reading all of it (a request line too long).
                answer = readWhatIsLeft(socket);
                if (answer.length == 0) {
                    return new Page(base.resolve("/"), CLOSED_EARLY, Map.of(), "", Jsoup.parse(""));
                }
            }
            int end = indexOf(answer, new byte[] {'\r', '\n', '\r', '\n'}, 0);
            String[] lines = new String(answer, 0, end < 0 ? answer.length : end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, java.util.List<String>> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    answerHeaders.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                            .add(lines[i].substring(colon + 1).strip());
                }
            }
            byte[] content = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
            boolean chunked = answerHeaders.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding")
                    && e.getValue().contains("chunked"));
            String text = new String(chunked ? dechunk(content) : content, StandardCharsets.UTF_8);
            return new Page(base.resolve("/"), Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, text, Jsoup.parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target), e);
        }
    }

    /** The status of a {@link #raw} answer the server closed the connection on before answering. */
    public static final int CLOSED_EARLY = -1;

    private static byte[] readWhatIsLeft(Socket socket) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(read);
        } catch (IOException e) {
            // reset: whatever arrived before it is all there is
        }
        return read.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] dechunk(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < content.length) {
            int lineEnd = indexOf(content, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(content, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(content, at, Math.min(size, content.length - at));
            at += size + 2;
        }
        return out.toByteArray();
    }

    /** Follows a 3xx answer once. */
    public Page follow(Page redirect) {
        String location = redirect.header("Location");
        if (redirect.status() / 100 != 3 || location == null) {
            throw new AssertionError("Expected a redirect from " + redirect.uri() + " but got " + redirect.status());
        }
        return get(location);
    }

    private Page send(HttpRequest original) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(original, (name, value) -> true);
        headers.forEach(copy::setHeader);
        HttpRequest request = copy.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.uri(), response.statusCode(), response.headers().map(), response.body(),
                    Jsoup.parse(response.body(), response.uri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A file to upload: the form field, the file name and Content-Type the client declares, the bytes. */
    public record FilePart(String field, String filename, String contentType, byte[] content) {
    }

    /** One answer: status, headers, body and its parsed document. */
    public record Page(URI uri, int status, Map<String, java.util.List<String>> headers, String body, Document document) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String text(String selector) {
            Element e = document.selectFirst(selector);
            return e == null ? null : e.text();
        }
    }
}
