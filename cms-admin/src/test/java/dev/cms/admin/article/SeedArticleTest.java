package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference page (reference/seed-article.txt) reproduced from content entered in the admin:
 * same title, 发布时间 line, step headings and related titles.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedArticleTest implements TestPropertyProvider {

    private static final Pattern HEADING = Pattern.compile("第[一二三四五六七八九十]+步:.*|重要提醒");
    private static final int RELATED_SAMPLE = 6;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("seed");
    }

    @Test
    void seedArticleEnteredInAdminLooksLikeTheReferencePage() throws IOException {
        Seed seed = Seed.read();
        Browser editor = new Browser(server.getURI());
        Page setup = editor.get("/admin/setup");
        assertEquals(303, editor.submit(setup, "form[action=/admin/setup]", Map.of("username", "editor",
                "password", "seed-password", "passwordConfirm", "seed-password")).status());

        List<String> related = seed.related().subList(0, RELATED_SAMPLE);
        for (int i = 0; i < related.size(); i++) {
            publish(editor, related.get(i), "相关文章正文。", "2024-05-2" + i + "T08:00:00");
        }
        String slug = publish(editor, seed.title(), seed.markdownBody(), "2024-05-28T02:54:57");

        Page page = new Browser(server.getURI()).get("/articles/" + slug);
        assertEquals(200, page.status());
        assertEquals(seed.title(), page.text("h1"));
        assertEquals(seed.timeLine(), page.text(".article .meta"));
        assertEquals(seed.headings(), page.document().select(".article .body h2").eachText());
        assertTrue(page.text(".article .body").contains(seed.paragraphs().get(0)));
        assertEquals("相关内容", page.text(".related h2"));
        List<String> shown = page.document().select(".related li a").eachText();
        assertEquals(related.size(), shown.size());
        assertTrue(shown.containsAll(related), shown.toString());
        assertEquals("To Top", page.text("a[href=#top]"));
    }

    private static String publish(Browser editor, String title, String body, String time) {
        Page form = editor.get("/admin/articles/new");
        Page saved = editor.submit(form, "form.article-form", Map.of("title", title, "body", body,
                "topics", "小米商城, 分期付款", "publishTime", time, "action", "publish"));
        assertEquals(303, saved.status(), saved.body());
        return editor.follow(saved).document().selectFirst("input[name=slug]").val();
    }

    /** The reference page split into its parts. */
    record Seed(String title, String timeLine, List<String> headings, List<String> paragraphs, List<String> related,
                String markdownBody) {

        static Seed read() throws IOException {
            String text;
            try (InputStream in = SeedArticleTest.class.getResourceAsStream("/reference/seed-article.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String title = lines.get(0);
            String timeLine = lines.get(1);
            int relatedAt = lines.indexOf("相关内容:");
            List<String> headings = new ArrayList<>();
            List<String> paragraphs = new ArrayList<>();
            StringBuilder markdown = new StringBuilder();
            for (String line : lines.subList(2, relatedAt)) {
                if (HEADING.matcher(line).matches()) {
                    headings.add(line);
                    markdown.append("## ").append(line).append("\n\n");
                } else {
                    paragraphs.add(line);
                    markdown.append(line).append("\n\n");
                }
            }
            List<String> related = lines.subList(relatedAt + 1, lines.size()).stream()
                    .filter(l -> !l.equals("To Top")).toList();
            return new Seed(title, timeLine, headings, paragraphs, related, markdown.toString());
        }
    }
}
