import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a site archive (format version 1, cms-admin/ARCHIVE-FORMAT.md) of generated articles for
 * the import benchmark, without the server: java GenerateArchive.java OUT.zip ARTICLES [TOPICS].
 * Each article is published, carries 3 of the topics and one revision, and has a body of about
 * 1.5 KB of Chinese and ASCII text. Streams everything: memory does not grow with ARTICLES.
 */
public class GenerateArchive {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int articles = Integer.parseInt(args[1]);
        int topics = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Map<String, String> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
            entry(zip, "topics.jsonl", sums, counts, topics, i -> String.format(
                    "{\"slug\":\"topic-%d\",\"name\":\"话题 %d\",\"created\":\"%s\"}", i, i, base));
            entry(zip, "users.jsonl", sums, counts, 1, i -> String.format("{\"username\":\"bench\",\"displayName\":"
                    + "\"基准\",\"role\":\"EDITOR\",\"enabled\":true,\"created\":\"%s\"}", base));
            String body = ("## 第一步:准备\\n\\n这是第 %d 篇生成的文章，用来测量导入的速度。" + "内容 lorem ipsum dolor sit amet ".repeat(12)
                    + "\\n\\n## 第二步:完成\\n\\n" + "再写一段正文，让文章像真的一样。".repeat(20));
            entry(zip, "articles.jsonl", sums, counts, articles, i -> {
                String at = base.plusSeconds(60L * i).toString();
                String md = String.format(body, i);
                int t = (int) ((i * 2654435761L) % topics);
                String topicList = String.format("[\"topic-%d\",\"topic-%d\",\"topic-%d\"]", t + 1, (t + 7) % topics + 1,
                        (t + 131) % topics + 1);
                return String.format("{\"slug\":\"article-%d\",\"title\":\"生成的文章 %d\",\"summary\":\"第 %d 篇\","
                        + "\"markdown\":\"%s\",\"status\":\"PUBLISHED\",\"published\":\"%s\",\"created\":\"%s\","
                        + "\"updated\":\"%s\",\"author\":\"bench\",\"trashed\":null,\"statusBeforeTrash\":null,"
                        + "\"topics\":%s,\"revisions\":[{\"title\":\"生成的文章 %d\",\"summary\":\"第 %d 篇\","
                        + "\"markdown\":\"%s\",\"topics\":\"\",\"status\":\"PUBLISHED\",\"savedBy\":\"bench\","
                        + "\"savedAt\":\"%s\"}]}", i, i, i, md, at, at, at, topicList, i, i, md, at);
            });
            for (String empty : new String[] {"related-overrides.jsonl", "slug-redirects.jsonl",
                    "topic-redirects.jsonl", "media.jsonl"}) {
                entry(zip, empty, sums, counts, 0, i -> "");
            }
            StringBuilder manifest = new StringBuilder("{\"format\":\"cms-archive\",\"formatVersion\":1,\"created\":\"")
                    .append(Instant.now()).append("\",\"schemaVersion\":\"generated\",\"passwordHashes\":false,\"counts\":{");
            StringBuilder entries = new StringBuilder();
            for (String name : sums.keySet()) {
                String kind = name.substring(0, name.indexOf('.'));
                manifest.append(entries.length() == 0 ? "" : ",").append('"').append(kind).append("\":")
                        .append(counts.get(name));
                entries.append(entries.length() == 0 ? "" : ",").append('"').append(name).append("\":{\"items\":")
                        .append(counts.get(name)).append(",\"sha256\":\"").append(sums.get(name)).append("\"}");
            }
            manifest.append("},\"entries\":{").append(entries).append("}}\n");
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        System.out.printf("%s: %,d articles, %,d topics, %,d bytes%n", out, articles, topics, Files.size(out));
    }

    interface Line {
        String of(int i);
    }

    private static void entry(ZipOutputStream zip, String name, Map<String, String> sums, Map<String, Integer> counts,
                              int n, Line line) throws IOException, java.security.NoSuchAlgorithmException {
        zip.putNextEntry(new ZipEntry(name));
        DigestOutputStream digest = new DigestOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        }, MessageDigest.getInstance("SHA-256"));
        for (int i = 1; i <= n; i++) {
            digest.write((line.of(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
        sums.put(name, HexFormat.of().formatHex(digest.getMessageDigest().digest()));
        counts.put(name, n);
    }
}
