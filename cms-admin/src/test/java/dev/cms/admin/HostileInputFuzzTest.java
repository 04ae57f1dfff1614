package dev.cms.admin;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestImages;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile values for every route and every form field the author node has, found from its router
 * (a route or a form field added later is fuzzed without editing this test): NUL, bytes that are
 * not UTF-8 (a lone surrogate among them), broken percent escapes, 100,000-character strings,
 * negative and huge numbers, absurd dates and script payloads, each sent alone in one variable
 * or field by a signed-in admin. Every answer must be below 500 and, where it is HTML, must not
 * carry a payload unescaped; the article form must refuse what it cannot take with 422 and the
 * typed value kept, and must store what it takes as typed. Deterministic (a fixed seed).
 * Run on H2 here; {@link PostgresHostileInputFuzzTest} runs the forms on PostgreSQL.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputFuzzTest implements TestPropertyProvider {

    private static final long SEED = 20240528L;
    /** Script payloads: none may come back in a page as it was sent. */
    private static final List<String> PAYLOADS = List.of("<script>alert('fuzz')</script>",
            "\"><script>alert('fuzz')</script>", "<img src=x onerror=alert('fuzz')>", "'><svg onload=alert('fuzz')>");
    private static final Pattern VARIABLE = Pattern.compile("\\{([?&+#/]?)([^}]+)}");

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    TopicService topics;

    Browser admin;
    Article published;
    Long victimId;
    int counter;
    final List<String> failures = new ArrayList<>();
    String csrf;
    String csrfCookie = "";
    int requests;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("fuzz");
    }

    @BeforeAll
    void site() {
        users.create("fuzzer", "模糊测试", "fuzzer-password", Role.ADMIN);
        victimId = users.create("victim", "受害者", "victim-password", Role.AUTHOR).id();
        published = articles.create(Articles.edit("已发布的文章").slug("fuzz-published").summary("摘要").body("正文").topics("模糊主题").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("另一篇").body("正文").topics("模糊主题").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        admin = Browser.signedIn(server.getURI(), "fuzzer", "fuzzer-password");
    }

    /** One hostile value: {@code text} as it is meant, or (raw) the bytes to send as they are, broken on purpose. */
    record Hostile(String label, String text, boolean raw) {

        /** As a path segment or query value: percent-encoded, unless raw. */
        String encoded() {
            return raw ? text : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** The value a correct form would show again (a browser shows a NUL as U+FFFD). */
        String shown() {
            return text.replace('\0', '\uFFFD');
        }
    }

    /** The values every variable and field gets, in a fixed order; some made by a seeded generator. */
    static List<Hostile> hostileValues() {
        List<Hostile> values = new ArrayList<>(List.of(
                new Hostile("NUL", "\0", false),
                new Hostile("NUL inside", "a\0b", false),
                new Hostile("lone surrogate (CESU-8)", "%ED%A0%80", true),
                new Hostile("invalid UTF-8 byte", "%FF", true),
                new Hostile("overlong UTF-8", "%C0%AF", true),
                new Hostile("cut UTF-8", "%E4%B8", true),
                new Hostile("lone %", "%", true),
                new Hostile("bad escape", "%ZZ", true),
                new Hostile("100k ASCII", "x".repeat(100_000), false),
                new Hostile("100k Chinese", "安".repeat(100_000), false),
                new Hostile("empty", "", false),
                new Hostile("blanks", "   ", false),
                new Hostile("-1", "-1", false),
                new Hostile("0", "0", false),
                new Hostile("long overflow", "9223372036854775808", false),
                new Hostile("huge", "99999999999999999999999999999999", false),
                new Hostile("year 999999999", "+999999999-12-31T23:59:59", false),
                new Hostile("year 0", "0000-01-01T00:00:00", false),
                new Hostile("year 1900", "1900-01-01T00:00:00", false),
                new Hostile("Feb 30", "2024-02-30T25:61:61", false),
                new Hostile("path traversal", "../../etc/passwd", false),
                new Hostile("right-to-left", "\u202Eevil\u202C", false),
                new Hostile("emoji", "😀🚀", false),
                new Hostile("control characters", "\u0001\u0007\u001B[31m", false)));
        for (String payload : PAYLOADS) {
            values.add(new Hostile("script " + payload, payload, false));
        }
        Random random = new Random(SEED);
        String pool = "a安\0<>\"'&%\\/;\n\u202E😀";
        for (int i = 0; i < 3; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(i == 2 ? 5000 : 40);
            while (text.length() < length) {
                text.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
            }
            values.add(new Hostile("random " + i, text.toString(), false));
        }
        return values;
    }

    /** The routes fuzzed: all of them here (the PostgreSQL run narrows this). */
    boolean fuzzed(UriRouteInfo<?, ?> route) {
        return true;
    }

    /**
     * One value of each kind for the fields of forms other than the article form; every value
     * there. Keeps the run around half a minute on a quiet machine.
     */
    List<Hostile> valuesForFields() {
        return only("NUL", "NUL inside", "lone surrogate (CESU-8)", "invalid UTF-8 byte", "lone %", "bad escape",
                "100k ASCII", "empty", "-1", "long overflow", "year 999999999", "path traversal", "right-to-left",
                "emoji", "script <script>alert('fuzz')</script>", "random 0");
    }

    /** Fewer for URL variables, of which there are many: each kind of trouble once. */
    List<Hostile> valuesForUrls() {
        return only("NUL inside", "lone surrogate (CESU-8)", "bad escape", "100k Chinese", "empty", "long overflow",
                "path traversal", "emoji", "script <script>alert('fuzz')</script>", "random 0");
    }

    private static List<Hostile> only(String... labels) {
        List<String> wanted = List.of(labels);
        return hostileValues().stream().filter(v -> wanted.contains(v.label())).toList();
    }

    private List<UriRouteInfo<?, ?>> routes() {
        return router.uriRoutes()
                .filter(route -> route.getHttpMethod() == HttpMethod.GET || route.getHttpMethod() == HttpMethod.POST)
                .filter(route -> !route.getUriMatchTemplate().toString().equals("/admin/logout"))
                .filter(this::fuzzed)
                .sorted(Comparator.comparing((UriRouteInfo<?, ?> r) -> r.getUriMatchTemplate().toString())
                        .thenComparing(UriRouteInfo::getHttpMethodName))
                .collect(Collectors.toList());
    }

    @Test
    void everyRouteAndFormFieldAnswersHostileValuesWithAClientErrorAtWorst() {
        long started = System.nanoTime();
        List<UriRouteInfo<?, ?>> routes = routes();
        assertTrue(routes.size() >= minimumRoutes(), "routes found: " + routes);
        for (UriRouteInfo<?, ?> route : routes) {
            String template = route.getUriMatchTemplate().toString();
            if (route.getHttpMethod() == HttpMethod.GET) {
                fuzzGet(template);
            } else if (route.getConsumes().stream().anyMatch(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE))) {
                fuzzUpload(template);
            } else {
                fuzzForm(template, formFields(route));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests + " requests went wrong:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        System.out.printf("Fuzzed %d routes with %d requests in %.1f s%n", routes.size(), requests,
                (System.nanoTime() - started) / 1e9);
    }

    int minimumRoutes() {
        return 40;
    }

    // ------------------------------------------------------------------ GET routes

    private void fuzzGet(String template) {
        List<Variable> variables = variables(template);
        for (Variable variable : variables) {
            for (Hostile value : valuesForUrls()) {
                String target = expand(template, variables, variable, value);
                check("GET", target, variable.name(), value, admin.raw("GET", target, null, null, Map.of()));
            }
        }
        if (variables.isEmpty()) {
            check("GET", template, "-", new Hostile("plain", "", false), admin.raw("GET", template, null, null, Map.of()));
        }
    }

    /** A variable of a route template: in the path, or a query parameter. */
    private record Variable(String name, boolean query) {
    }

    private static List<Variable> variables(String template) {
        List<Variable> variables = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            boolean query = m.group(1).equals("?") || m.group(1).equals("&");
            for (String name : m.group(2).split(",")) {
                variables.add(new Variable(name.replaceAll("[:*].*", ""), query));
            }
        }
        return variables;
    }

    /** The template with {@code fuzzed} set to the hostile value and every other path variable plausible. */
    private String expand(String template, List<Variable> variables, Variable fuzzed, Hostile value) {
        StringBuilder target = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        String query = "";
        while (m.find()) {
            boolean isQuery = m.group(1).equals("?") || m.group(1).equals("&");
            String name = m.group(2).split(",")[0].replaceAll("[:*].*", "");
            if (isQuery) {
                m.appendReplacement(target, "");
                if (fuzzed != null && fuzzed.query() && Arrays.asList(m.group(2).replaceAll("[:*][^,]*", "").split(","))
                        .contains(fuzzed.name())) {
                    query = "?" + fuzzed.name() + "=" + value.encoded();
                }
            } else {
                String replacement = fuzzed != null && !fuzzed.query() && fuzzed.name().equals(name) ? value.encoded()
                        : plausible(template, name);
                m.appendReplacement(target, Matcher.quoteReplacement(replacement));
            }
        }
        m.appendTail(target);
        return target + query;
    }

    /** A value that reaches something real: an existing article, topic, user or page. */
    private String plausible(String template, String name) {
        return switch (name) {
            case "slug" -> template.startsWith("/topics") ? URLEncoder.encode("模糊主题", StandardCharsets.UTF_8) : published.slug();
            case "number" -> "2";
            case "year" -> "2024";
            case "month" -> "05";
            case "path" -> "2024/05/missing.png";
            case "token" -> "not-a-token";
            case "revisionId" -> "1";
            case "id" -> template.startsWith("/admin/users") ? String.valueOf(victimId) : String.valueOf(published.id());
            default -> "x";
        };
    }

    // ------------------------------------------------------------------ forms

    /** The fields of the route's form: the components of the record its {@code @Body} binds to. */
    private static List<String> formFields(UriRouteInfo<?, ?> route) {
        for (Argument<?> argument : route.getTargetMethod().getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(Body.class) && argument.getType().isRecord()) {
                return Arrays.stream(argument.getType().getRecordComponents()).map(RecordComponent::getName).toList();
            }
        }
        return List.of();
    }

    private void fuzzForm(String template, List<String> fields) {
        // Path variables first (ids of nothing, of the wrong kind, broken), with plausible fields.
        List<Variable> variables = variables(template);
        for (Variable variable : variables) {
            for (Hostile value : valuesForUrls()) {
                String target = expand(template, variables, variable, value);
                post(target, baseFields(template, fields, null), variable.name(), value);
            }
        }
        String target = expand(template, variables, null, null);
        boolean articleForm = template.equals("/admin/articles") || template.equals("/admin/articles/{id}");
        for (String field : fields) {
            // Every value for the article form, where most text is typed; one of each kind elsewhere.
            for (Hostile value : articleForm ? hostileValues() : valuesForFields()) {
                Map<String, String> form = baseFields(template, fields, field);
                String version = form.get("version");
                Page answer = post(target, form, field, value);
                if (articleForm) {
                    checkArticleForm(template, field, value, answer);
                }
                if (template.equals("/admin/articles/{id}") && field.equals("version") && !value.raw()
                        && !value.text().strip().equals(version)) {
                    expect(answer.status() == 409, template, field, value, "a save not based on the current version"
                            + " answered " + answer.status() + ", not 409");
                }
            }
        }
    }

    /**
     * Values a correct form would send, so that only the fuzzed field is hostile. Passwords are
     * wrong in a way refused before bcrypt (too short or too long) unless another field needs the
     * form to succeed, so that a hundred forms do not cost a hundred bcrypt rounds.
     */
    private Map<String, String> baseFields(String template, List<String> fields, String fuzzed) {
        counter++;
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : fields) {
            String value = switch (field) {
                case "title" -> "模糊标题 " + counter;
                case "body" -> "正文 " + counter;
                case "topics" -> "模糊主题";
                case "action" -> "save";
                case "version" -> String.valueOf(adminArticles.find(published.id()).map(Article::version).orElse(0L));
                case "name" -> "模糊主题 " + counter;
                // Failed logins lock the account they name: never the fuzzing admin's.
                case "username" -> template.equals("/admin/login") ? "victim" : "user" + counter;
                case "displayName" -> "名字 " + counter;
                case "password" -> template.equals("/admin/login") ? "wrong-password"
                        : template.equals("/admin/users") && ("displayName".equals(fuzzed) || "role".equals(fuzzed))
                        ? "new-password-" + counter : "short";
                case "currentPassword" -> "x".repeat(100);
                case "role" -> "AUTHOR";
                case "next" -> "/admin";
                case "relatedId", "targetId" -> "999999";
                default -> "";
            };
            form.put(field, value);
        }
        return form;
    }

    /**
     * Posts the form with this browser's CSRF token and field {@code what} set to the hostile value
     * (encoded, or as it is when raw); when {@code what} is a path variable, the form as it is.
     */
    private Page post(String target, Map<String, String> form, String what, Hostile value) {
        StringBuilder body = new StringBuilder("csrf=").append(csrf());
        form.forEach((name, text) -> {
            String encoded = name.equals(what) ? value.encoded() : URLEncoder.encode(text, StandardCharsets.UTF_8);
            body.append('&').append(name).append('=').append(encoded);
        });
        Page answer = admin.raw("POST", target, MediaType.APPLICATION_FORM_URLENCODED,
                body.toString().getBytes(StandardCharsets.ISO_8859_1), Map.of());
        check("POST", target, what, value, answer);
        return answer;
    }

    /** The token the admin's forms carry (read from a form, as a browser submits it). */
    private String csrf() {
        if (csrf == null || !csrfCookie.equals(admin.cookie("cms_csrf"))) {
            csrf = admin.get("/admin/articles/new").document().selectFirst("input[name=csrf]").val();
            csrfCookie = admin.cookie("cms_csrf");
        }
        return csrf;
    }

    /**
     * The article form: a value it cannot take is refused with 422 and shown again as typed; one it
     * takes is stored as typed (no text lost).
     */
    private void checkArticleForm(String template, String field, Hostile value, Page answer) {
        if (value.raw()) {
            expect(answer.status() == 400, template, field, value, "broken encoding answers 400, not " + answer.status());
            return;
        }
        if (answer.status() == 422) {
            Element input = answer.document().selectFirst("form.article-form [name=" + field + "]");
            if (input != null && !field.equals("version") && !field.equals("action")) {
                String shown = input.tagName().equals("textarea") ? input.wholeText() : input.val();
                expect(shown.equals(value.shown()), template, field, value, "the typed value is not shown again");
            }
            expect(answer.document().selectFirst(".error") != null, template, field, value, "no message says what is wrong");
        } else if (answer.status() == 303 && template.equals("/admin/articles")) {
            String location = answer.header("Location");
            Long id = Long.valueOf(location.replaceAll(".*/articles/(\\d+)/edit.*", "$1"));
            Article saved = adminArticles.find(id).orElseThrow();
            switch (field) {
                case "title" -> expect(saved.title().equals(value.text().strip()), template, field, value, "title stored as typed");
                case "body" -> expect(saved.bodyMarkdown().equals(value.text()), template, field, value, "body stored as typed");
                case "summary" -> expect(saved.summary().equals(value.text().strip()) || value.text().isBlank(), template, field,
                        value, "summary stored as typed");
                default -> {
                    // other fields change what is stored in ways checked elsewhere
                }
            }
        } else {
            expect(answer.status() == 303 || answer.status() == 409 || answer.status() == 404, template, field, value,
                    "unexpected " + answer.status());
        }
    }

    // ------------------------------------------------------------------ uploads

    private void fuzzUpload(String template) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty", new byte[0]);
        files.put("truncated PNG", Arrays.copyOf(TestImages.png(40, 30), 30));
        files.put("100-megapixel PNG header", TestImages.pngHeaderOnly(10_000, 10_000));
        files.put("HTML", TestImages.HTML);
        files.put("SVG", TestImages.SVG);
        files.put("PNG", TestImages.png(4, 3));
        List<String> names = List.of("a.png", "a\0.png", "../../a.png", "<script>alert('fuzz')</script>.png",
                "安".repeat(10_000) + ".png", "%ZZ.png");
        String target = expand(template, variables(template), null, null);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            for (String name : names) {
                Page answer = admin.raw("POST", target, "multipart/form-data; boundary=fuzzfuzz",
                        multipart(name, file.getValue()), Map.of("X-CSRF-Token", csrf()));
                check("POST", target, "file " + file.getKey(), new Hostile("name", name, false), answer);
            }
        }
    }

    private static byte[] multipart(String filename, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--fuzzfuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--fuzzfuzz--\r\n".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    // ------------------------------------------------------------------ checks

    private void check(String method, String target, String what, Hostile value, Page answer) {
        requests++;
        String where = method + " " + shorten(target) + " [" + what + " = " + value.label() + "]";
        if (answer.status() == Browser.CLOSED_EARLY) {
            // Refusing a request line longer than it reads by closing the connection is fine; anything else is not.
            if (target.length() <= 4096) {
                failures.add(where + ": the connection was closed without an answer");
            }
            return;
        }
        if (answer.status() >= 500) {
            failures.add(where + ": " + answer.status());
        }
        String type = answer.header("Content-Type");
        if (type != null && type.startsWith("text/html")) {
            for (String payload : PAYLOADS) {
                if (answer.body().contains(payload)) {
                    failures.add(where + ": the page carries " + payload + " unescaped");
                }
            }
        }
        if (answer.status() == 303 && String.valueOf(answer.header("Location")).startsWith("/admin/login")
                && !target.startsWith("/admin/login") && !target.startsWith("/admin/setup")) {
            failures.add(where + ": the admin was signed out");
            try {
                admin = Browser.signedIn(server.getURI(), "fuzzer", "fuzzer-password");
            } catch (AssertionError throttled) {
                failures.add("signing in again failed: " + throttled.getMessage());
            }
        }
    }

    private void expect(boolean ok, String template, String field, Hostile value, String what) {
        if (!ok) {
            failures.add("POST " + template + " [" + field + " = " + value.label() + "]: " + what);
        }
    }

    private static String shorten(String target) {
        return target.length() > 120 ? target.substring(0, 120) + "...(" + target.length() + ")" : target;
    }

    // ------------------------------------------------------------------ stored payloads

    @Test
    void scriptsStoredInEveryFieldReachReadersEscapedEverywhere() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String payload = PAYLOADS.get(0);
        Article hostile = articles.create(Articles.edit(payload + marker).summary(PAYLOADS.get(1)).body(payload + "\n\n"
                + PAYLOADS.get(2)).topics(PAYLOADS.get(3) + marker).build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Browser reader = new Browser(server.getURI());
        String topicSlug = topics.topicsOf(hostile.id()).get(0).slug();
        for (String path : List.of("/", "/articles/" + URLEncoder.encode(hostile.slug(), StandardCharsets.UTF_8),
                "/topics/" + URLEncoder.encode(topicSlug, StandardCharsets.UTF_8),
                "/search?q=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                "/articles/" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                "/admin/articles", "/admin/articles/" + hostile.id() + "/edit", "/admin/topics", "/admin/audit")) {
            Page page = (path.startsWith("/admin") ? admin : reader).get(path);
            assertTrue(page.status() < 500, path + " answered " + page.status());
            for (String p : PAYLOADS) {
                assertTrue(!page.body().contains(p), path + " carries " + p + " unescaped");
            }
        }
        assertEquals(payload + marker, adminArticles.find(hostile.id()).orElseThrow().title(), "stored as typed");
    }
}
