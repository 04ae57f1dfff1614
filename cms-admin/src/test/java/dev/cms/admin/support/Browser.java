package dev.cms.admin.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public Page get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", ACCEPT_HTML).GET().build());
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

    /** Submits a form of the page as a browser would: its current field values, then the overrides. */
    public Page submit(Page page, String formSelector, Map<String, String> overrides) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name]")) {
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        fields.putAll(overrides);
        return post(form.attr("action"), fields);
    }

    /** Follows a 3xx answer once. */
    public Page follow(Page redirect) {
        String location = redirect.header("Location");
        if (redirect.status() / 100 != 3 || location == null) {
            throw new AssertionError("Expected a redirect from " + redirect.uri() + " but got " + redirect.status());
        }
        return get(location);
    }

    private Page send(HttpRequest request) {
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
