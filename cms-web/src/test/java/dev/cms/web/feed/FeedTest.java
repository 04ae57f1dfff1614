package dev.cms.web.feed;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RSS and Atom feeds, of the whole site and of a topic, as a feed reader reads them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedTest implements TestPropertyProvider {

    private static final String BASE = "https://example.com";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    Article oldest;
    Article known;
    Article newest;
    Article markup;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("feed"));
        properties.put("cms.base-url", BASE + "/");
        // application.yml fixes the port (CMS_PORT, 8080): a random one lets this run beside anything else.
        properties.put("micronaut.server.port", "-1");
        properties.put("cms.site-name", "测试站");
        return properties;
    }

    @BeforeAll
    void content() {
        oldest = publish("最早的文章", "最早的摘要", List.of("安全"), "2024-05-01T08:00:00");
        known = publish("公开的文章", "这是摘要", List.of("安全", "支付"), "2024-05-28T02:54:57");
        newest = publish("最新的文章", "最新的摘要", List.of("支付"), "2024-06-01T09:30:00");
        markup = publish("<b>粗体</b> & \"引号\" ]]>", "a < b && c > d", List.of("标记"), "2024-04-01T00:00:00");
        articles.create(Articles.edit("草稿文章").topics("安全", "只有草稿").build(), SaveAction.SAVE, Actor.SYSTEM);
        articles.unpublish(publish("撤下的文章", "撤下", List.of("安全"), "2024-06-02T10:00:00").id(), Actor.SYSTEM);
    }

    private Article publish(String title, String summary, List<String> topics, String publishTime) {
        return articles.create(Articles.edit(title).summary(summary).body("正文 " + title).topics(topics)
                .publishTime(publishTime).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private HttpResponse<byte[]> fetch(String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path), byte[].class);
    }

    private ParsedXml feed(String path) {
        return ParsedXml.parse(fetch(path).body());
    }

    private static String topicPath(String name, String file) {
        return "/topics/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/" + file;
    }

    private static String articleUrl(Article article) {
        return BASE + "/articles/" + URLEncoder.encode(article.slug(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void rssHasChannelAndItemsWithRequiredElementsNewestFirst() {
        ParsedXml rss = feed("/feed.xml");
        assertEquals("2.0", rss.text("/rss/@version"));
        assertEquals("测试站", rss.text("/rss/channel/title"));
        assertEquals(BASE + "/", rss.text("/rss/channel/link"));
        assertFalse(rss.text("/rss/channel/description").isBlank());
        assertEquals(BASE + "/feed.xml", rss.text("/rss/channel/atom:link[@rel='self']/@href"));
        assertEquals(List.of(newest.title(), known.title(), oldest.title(), markup.title()),
                rss.texts("/rss/channel/item/title"));
        int items = rss.count("/rss/channel/item");
        assertEquals(items, rss.count("/rss/channel/item[title and link and guid and pubDate and description]"));
    }

    @Test
    void atomHasFeedAndEntriesWithRequiredElementsNewestFirst() {
        ParsedXml atom = feed("/atom.xml");
        assertEquals(BASE + "/atom.xml", atom.text("/a:feed/a:id"));
        assertEquals("测试站", atom.text("/a:feed/a:title"));
        assertFalse(atom.text("/a:feed/a:updated").isBlank());
        assertEquals(BASE + "/atom.xml", atom.text("/a:feed/a:link[@rel='self']/@href"));
        assertEquals(BASE + "/", atom.text("/a:feed/a:link[@rel='alternate']/@href"));
        assertEquals("测试站", atom.text("/a:feed/a:author/a:name"));
        assertEquals(List.of(newest.title(), known.title(), oldest.title(), markup.title()),
                atom.texts("/a:feed/a:entry/a:title"));
        int entries = atom.count("/a:feed/a:entry");
        assertEquals(entries, atom.count("/a:feed/a:entry[a:id and a:title and a:updated and a:published"
                + " and a:link[@rel='alternate']/@href and a:summary]"));
    }

    @Test
    void datesAreRfc1123InGmtForRssAndRfc3339ForAtom() {
        String item = "/rss/channel/item[title='公开的文章']";
        assertEquals("Mon, 27 May 2024 18:54:57 GMT", feed("/feed.xml").text(item + "/pubDate"));
        String entry = "/a:feed/a:entry[a:title='公开的文章']";
        ParsedXml atom = feed("/atom.xml");
        assertEquals("2024-05-27T18:54:57Z", atom.text(entry + "/a:published"));
        // Created (and so last edited) just now, after its back-dated publish time.
        assertTrue(atom.text(entry + "/a:updated").compareTo("2024-05-27T18:54:57Z") > 0);
        assertTrue(atom.text(entry + "/a:updated").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void chineseSlugLinksAreAbsoluteAndPercentEncoded() {
        String link = feed("/feed.xml").text("/rss/channel/item[title='公开的文章']/link");
        assertEquals(BASE + "/articles/%E5%85%AC%E5%BC%80%E7%9A%84%E6%96%87%E7%AB%A0", link);
        assertEquals(articleUrl(known), link);
        assertEquals("/articles/" + known.slug(), URI.create(link).getPath());
        assertEquals(link, feed("/atom.xml").text("/a:feed/a:entry[a:title='公开的文章']/a:link/@href"));
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET(URI.create(link).getRawPath()), String.class).code());
    }

    @Test
    void entriesHaveStableTagIdsSharedByRssAndAtom() {
        String guid = feed("/feed.xml").text("/rss/channel/item[title='公开的文章']/guid");
        assertTrue(guid.matches("tag:example\\.com,\\d{4}-\\d\\d-\\d\\d:article-" + known.id()), guid);
        assertEquals("false", feed("/feed.xml").text("/rss/channel/item[title='公开的文章']/guid/@isPermaLink"));
        assertEquals(guid, feed("/atom.xml").text("/a:feed/a:entry[a:title='公开的文章']/a:id"));
    }

    @Test
    void summaryIsTheArticleSummary() {
        assertEquals("这是摘要", feed("/feed.xml").text("/rss/channel/item[title='公开的文章']/description"));
        assertEquals("这是摘要", feed("/atom.xml").text("/a:feed/a:entry[a:title='公开的文章']/a:summary"));
    }

    @Test
    void markupInTitlesAndSummariesIsEscapedAsText() {
        ParsedXml rss = feed("/feed.xml");
        assertEquals(1, rss.count("/rss/channel/item[title='" + markup.title() + "']"));
        assertEquals("a < b && c > d", rss.text("/rss/channel/item[last()]/description"));
        assertEquals(markup.title(), feed("/atom.xml").text("/a:feed/a:entry[last()]/a:title"));
    }

    @Test
    void draftsAndUnpublishedArticlesNeverAppear() {
        for (String path : List.of("/feed.xml", topicPath("安全", "feed.xml"))) {
            List<String> titles = feed(path).texts("/rss/channel/item/title");
            assertFalse(titles.contains("草稿文章"), path);
            assertFalse(titles.contains("撤下的文章"), path);
        }
        for (String path : List.of("/atom.xml", topicPath("安全", "atom.xml"))) {
            List<String> titles = feed(path).texts("/a:feed/a:entry/a:title");
            assertFalse(titles.contains("草稿文章"), path);
            assertFalse(titles.contains("撤下的文章"), path);
        }
    }

    @Test
    void topicFeedsHaveOnlyThatTopicsArticlesNewestFirst() {
        ParsedXml rss = feed(topicPath("安全", "feed.xml"));
        assertEquals("测试站 - 安全", rss.text("/rss/channel/title"));
        assertEquals(BASE + "/topics/%E5%AE%89%E5%85%A8", rss.text("/rss/channel/link"));
        assertEquals(List.of(known.title(), oldest.title()), rss.texts("/rss/channel/item/title"));

        ParsedXml atom = feed(topicPath("支付", "atom.xml"));
        assertEquals("测试站 - 支付", atom.text("/a:feed/a:title"));
        assertEquals(BASE + "/topics/%E6%94%AF%E4%BB%98/atom.xml", atom.text("/a:feed/a:link[@rel='self']/@href"));
        assertEquals(List.of(newest.title(), known.title()), atom.texts("/a:feed/a:entry/a:title"));
    }

    @Test
    void unknownTopicAndDraftOnlyTopicFeedsAreTheNotFoundPage() {
        for (String path : List.of("/topics/no-such-topic/feed.xml", "/topics/no-such-topic/atom.xml",
                topicPath("只有草稿", "feed.xml"), topicPath("只有草稿", "atom.xml"))) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> fetch(path));
            assertEquals(404, e.code(), path);
            assertEquals("页面不存在", Jsoup.parse(e.getResponse().getBody(String.class).orElseThrow()).selectFirst("h1").text());
        }
    }

    @Test
    void feedsAnswerWithTheirMediaTypesInUtf8AndMayBeCached() {
        HttpResponse<byte[]> rss = fetch("/feed.xml");
        assertEquals("application/rss+xml;charset=utf-8", rss.header(HttpHeaders.CONTENT_TYPE).replace(" ", "").toLowerCase());
        assertEquals("public, max-age=300", rss.header(HttpHeaders.CACHE_CONTROL));
        HttpResponse<byte[]> atom = fetch(topicPath("安全", "atom.xml"));
        assertEquals("application/atom+xml;charset=utf-8", atom.header(HttpHeaders.CONTENT_TYPE).replace(" ", "").toLowerCase());
        assertTrue(new String(atom.body(), StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    @Test
    void feedReadersAskingForFeedTypesAndHeadRequestsAreAnswered() {
        HttpResponse<byte[]> atom = client.toBlocking().exchange(
                HttpRequest.GET("/atom.xml").accept("application/atom+xml"), byte[].class);
        assertEquals(200, atom.code());
        HttpResponse<?> head = client.toBlocking().exchange(HttpRequest.HEAD("/feed.xml"));
        assertEquals(200, head.code());
        assertTrue(head.header(HttpHeaders.CONTENT_TYPE).startsWith("application/rss+xml"));
    }
}
