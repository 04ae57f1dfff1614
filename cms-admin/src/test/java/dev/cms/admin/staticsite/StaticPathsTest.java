package dev.cms.admin.staticsite;

import dev.cms.admin.staticsite.StaticSiteUrls.Kind;
import dev.cms.admin.staticsite.StaticSiteUrls.SiteUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each kind of URL lives in a static copy: the rule the README's nginx block mirrors. */
class StaticPathsTest {

    @Test
    void pagesAreHtmlFilesNamedByTheirDecodedPath() {
        assertEquals("index.html", StaticPaths.fileFor(new SiteUrl("/", Kind.PAGE)));
        assertEquals("articles/中文-slug.html",
                StaticPaths.fileFor(new SiteUrl("/articles/%E4%B8%AD%E6%96%87-slug", Kind.PAGE)));
        assertEquals("topics/java/page/2.html", StaticPaths.fileFor(new SiteUrl("/topics/java/page/2", Kind.PAGE)));
    }

    @Test
    void filesKeepTheirPathAndTheNotFoundPageIs404Html() {
        assertEquals("topics/安全/feed.xml",
                StaticPaths.fileFor(new SiteUrl("/topics/%E5%AE%89%E5%85%A8/feed.xml", Kind.FILE)));
        assertEquals("media/2024/05/a-480w.png",
                StaticPaths.fileFor(new SiteUrl("/media/2024/05/a-480w.png", Kind.IMMUTABLE_FILE)));
        assertEquals("404.html", StaticPaths.fileFor(new SiteUrl("/anything", Kind.NOT_FOUND_PAGE)));
    }

    @Test
    void aPathThatWouldLeaveTheFolderIsRefused() {
        for (String path : new String[] {"/a/../../etc/passwd", "/a/%2E%2E/b", "/a//b", "/a/./b", "/a%5Cb", "/a%00"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StaticPaths.fileFor(new SiteUrl(path, Kind.FILE)), path);
            assertEquals("no safe file name for " + path, refused.getMessage());
        }
    }

    @Test
    void aManifestNamingAFileOutsideTheFolderIsRefusedBeforeAnythingIsDeleted(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(ExportManifest.FILE_NAME), "0".repeat(64) + "  index.html\n"
                + "0".repeat(64) + "  ../outside.txt\n");
        IOException refused = assertThrows(IOException.class, () -> ExportManifest.read(folder));
        assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
    }
}
