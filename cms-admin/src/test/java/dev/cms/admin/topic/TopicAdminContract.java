package dev.cms.admin.topic;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicRepository;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topics screen: creating a topic and describing one, as an editor does it and readers see
 * it, on every supported database ({@link H2TopicAdminTest}, {@link PostgresTopicAdminTest}).
 */
abstract class TopicAdminContract {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    TopicRepository topics;

    Topic ops;

    @BeforeAll
    void editorAndATopic() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        articles.create(Articles.edit("部署手册").body("正文。").topics("运维").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        ops = topics.findByName("运维").orElseThrow();
    }

    private Browser editor() {
        return Browser.signedIn(server.getURI(), "ed", "editor-password");
    }

    private String topicPage(Topic topic) {
        return "/topics/" + URLEncoder.encode(topic.slug(), StandardCharsets.UTF_8);
    }

    @Test
    void aDescribedTopicSaysWhatItIsAboutOnItsPageAndToSearchEngines() {
        Browser ed = editor();
        Page list = ed.get("/admin/topics");
        Page saved = ed.submit(list, "form[action=/admin/topics/" + ops.id() + "/description]",
                Map.of("description", "服务器的部署、监控与备份。"));
        assertEquals(303, saved.status(), saved.body());

        Document page = new Browser(server.getURI()).get(topicPage(ops)).document();
        assertEquals("服务器的部署、监控与备份。", page.selectFirst(".topic-description").text());
        assertEquals("服务器的部署、监控与备份。", page.selectFirst("meta[name=description]").attr("content"));
        assertEquals("服务器的部署、监控与备份。", ed.get("/admin/topics").document()
                .selectFirst("#describe-" + ops.id()).text(), "the topics screen shows it to edit");

        ed.submit(ed.get("/admin/topics"), "form[action=/admin/topics/" + ops.id() + "/description]",
                Map.of("description", " "));
        Document cleared = new Browser(server.getURI()).get(topicPage(ops)).document();
        assertNull(cleared.selectFirst(".topic-description"), "blank removes it");
        assertTrue(cleared.selectFirst("meta[name=description]").attr("content").contains("运维"));
    }

    @Test
    void aTopicIsCreatedBeforeAnyArticleCarriesIt() {
        Browser ed = editor();
        Page created = ed.submit(ed.get("/admin/topics"), "form.new-topic",
                Map.of("name", "数据库", "description", "PostgreSQL 与 H2。"));
        assertEquals(303, created.status(), created.body());

        Topic topic = topics.findByName("数据库").orElseThrow();
        assertEquals("PostgreSQL 与 H2。", topic.description());
        Document list = ed.get("/admin/topics").document();
        assertTrue(list.select(".topic-list td a").eachText().contains("数据库"));
        assertEquals(404, new Browser(server.getURI()).get(topicPage(topic)).status(),
                "no public page until a published article carries it");
    }

    @Test
    void aRefusedChangeSaysWhyAndKeepsWhatWasTyped() {
        Browser ed = editor();
        String tooLong = "长".repeat(TopicService.MAX_DESCRIPTION_LENGTH + 1);
        Page refused = ed.submit(ed.get("/admin/topics"), "form[action=/admin/topics/" + ops.id() + "/description]",
                Map.of("description", tooLong));
        assertEquals(422, refused.status());
        assertTrue(refused.document().selectFirst("p.error[role=alert]").text().contains("500"));
        assertEquals(tooLong, refused.document().selectFirst("#describe-" + ops.id()).text());

        Page taken = ed.submit(ed.get("/admin/topics"), "form.new-topic", Map.of("name", "运维", "description", "重复"));
        assertEquals(422, taken.status());
        assertEquals("运维", taken.document().selectFirst("#new-topic-name").val());
        assertEquals("重复", taken.document().selectFirst("#new-topic-description").text());
    }
}
