package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AbsoluteLinksTest {

    private static AbsoluteLinks links(String baseUrl) {
        return new AbsoluteLinks(new SiteSettings("站", baseUrl, "Asia/Shanghai", "./data", 100, 20, "http://localhost:8080"));
    }

    @Test
    void spaceIsEncodedAsPercent20AndPlusIsEncodedToo() {
        assertEquals("a%20b%2Bc", AbsoluteLinks.pathSegment("a b+c"));
    }

    @Test
    void chineseIsPercentEncodedUtf8() {
        assertEquals("%E5%AE%89%E5%85%A8-2", AbsoluteLinks.pathSegment("安全-2"));
    }

    @Test
    void slashAndQuestionMarkCannotEscapeTheSegment() {
        assertEquals("a%2Fb%3Fc%23d%25", AbsoluteLinks.pathSegment("a/b?c#d%"));
    }

    @Test
    void unreservedCharactersStayAsTheyAre() {
        assertEquals("Az09-._~", AbsoluteLinks.pathSegment("Az09-._~"));
    }

    @Test
    void linksAreAbsoluteWithOneSlashWhateverTheBaseUrlEndsWith() {
        assertEquals("https://example.com/articles/a%20b", links("https://example.com/").article("a b"));
        assertEquals("https://example.com/topics/x", links("https://example.com").topic("x"));
        assertEquals("https://example.com/", links("https://example.com/").home());
        assertEquals("/articles/安 全", URI.create(links("https://example.com").article("安 全")).getPath());
    }

    @Test
    void articleTagUsesHostWithoutPortAndCreationDayInUtc() {
        assertEquals("tag:localhost,2024-05-27:article-42",
                links("http://localhost:8080").articleTag(42, Instant.parse("2024-05-27T18:54:57Z")));
        assertEquals("tag:example.com,2024-05-28:article-7",
                links("https://Example.com/blog/").articleTag(7, Instant.parse("2024-05-28T00:00:01Z")));
    }
}
