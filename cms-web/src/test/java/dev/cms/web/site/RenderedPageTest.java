package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pages are encoded to UTF-8 once, while rendered: the bytes must be exactly what a writer would send. */
class RenderedPageTest {

    /** Characters of every UTF-8 length, a surrogate pair, and both halves of a pair alone. */
    private static final String MIXED = "a<&\"é中文😀\uD83D\uDE00x\uD800y\uDC00z";

    @Test
    void templateOutputIsTheUtf8OfTheEscapedText(@TempDir Path dataDir) throws IOException {
        Path views = Files.createDirectories(dataDir.resolve("theme").resolve("views"));
        Files.writeString(views.resolve("probe.ftlh"), "<p title=\"${text}\">${text}</p>${html?no_esc}");
        FreemarkerViewsRenderer<Object> renderer = new FreemarkerViewsRenderer<>(
                new SiteSettings("站", "", "Asia/Shanghai", dataDir.toString(), 100, 20, "http://localhost:8080"));

        RenderedPage page = renderer.render("probe", Map.of("text", MIXED, "html", "<b>相关内容</b>"), null);

        String escaped = "a&lt;&amp;&quot;é中文😀\uD83D\uDE00x\uD800y\uDC00z";
        String expected = "<p title=\"" + escaped + "\">" + escaped + "</p><b>相关内容</b>";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), page.utf8());
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), viaWriter(expected),
                "what the response writer used to send");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        page.writeTo(out, StandardCharsets.UTF_8);
        assertArrayEquals(page.utf8(), out.toByteArray());
        assertEquals(new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), page.toString());
    }

    @Test
    void anySplitOfTheTextEncodesAsStringGetBytesDoes() {
        Random random = new Random(12);
        char[] alphabet = (MIXED + "\u07FF\u0800\uFFFF\u0080\u007F").toCharArray();
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            Utf8Writer writer = new Utf8Writer(1);
            for (int piece = random.nextInt(8); piece >= 0; piece--) {
                StringBuilder part = new StringBuilder();
                for (int n = random.nextInt(6); n > 0; n--) {
                    part.append(alphabet[random.nextInt(alphabet.length)]);
                }
                text.append(part);
                switch (random.nextInt(3)) {
                    case 0 -> writer.write(part.toString());
                    case 1 -> writer.write(part.toString().toCharArray(), 0, part.length());
                    default -> part.chars().forEach(writer::write);
                }
            }
            assertArrayEquals(text.toString().getBytes(StandardCharsets.UTF_8), writer.toByteArray(),
                    () -> "for " + text.chars().mapToObj(Integer::toHexString).toList());
        }
    }

    private static byte[] viaWriter(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
        return out.toByteArray();
    }
}
