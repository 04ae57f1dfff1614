package dev.cms.web.cache;

import dev.cms.core.content.PageTags;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageDependenciesTest {

    @Test
    void anArticlePageDependsOnTheTopicOfItsBreadcrumbWhosePreviousAndNextItShows() {
        byte[] page = ("<nav class=\"breadcrumbs\"><ol><li><a href=\"/\">首页</a></li>"
                + "<li><a href=\"/topics/%E6%89%8B%E6%9C%BA\">手机</a></li></ol></nav>"
                + "<article><p class=\"topics\"><a class=\"topic\" href=\"/topics/%E6%89%8B%E6%9C%BA\">手机</a>"
                + " <a class=\"topic\" href=\"/topics/other\">other</a></p></article>"
                + "<nav class=\"article-nav\"><a rel=\"next\" href=\"/articles/b\">B</a></nav>")
                .getBytes(StandardCharsets.UTF_8);

        Set<String> tags = PageDependencies.of("/articles/a", page);

        assertTrue(tags.contains(PageTags.article("a")), tags.toString());
        assertTrue(tags.contains(PageTags.article("b")), "the neighbour it links: " + tags);
        assertTrue(tags.contains(PageTags.topic("手机")), "a newly published neighbour evicts it: " + tags);
        assertFalse(tags.contains(PageTags.topic("other")), "its other topics do not choose its neighbours: " + tags);
        assertFalse(tags.contains(PageTags.LISTS), tags.toString());
    }
}
