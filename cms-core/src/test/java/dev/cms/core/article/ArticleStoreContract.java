package dev.cms.core.article;

import dev.cms.core.related.RelatedLink;
import dev.cms.core.related.RelatedService;
import dev.cms.core.testing.Articles;
import dev.cms.core.topic.Topic;
import dev.cms.core.user.Actor;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the store must do on every supported database: run by {@link H2ArticleStoreTest} and
 * {@link PostgresArticleStoreTest} against freshly migrated databases.
 */
abstract class ArticleStoreContract {

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleListService articleLists;

    @Inject
    PublishedArticleService publicArticles;

    @Inject
    UserService users;

    @Inject
    RelatedService relatedLists;

    /** A topic name no other test uses, so tests sharing one database stay independent. */
    static String topic(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ArticleEdit edit(String title, List<String> topics, LocalDateTime publishTime) {
        return Articles.edit(title).body("## " + title + "\n\n正文 " + title).topics(topics).publishTime(publishTime).build();
    }

    @Test
    void publishedArticleIsReadableAndDraftIsNot() {
        Article published = articles.create(edit("已发布的文章", List.of(topic("t")), null), SaveAction.PUBLISH, Actor.SYSTEM);
        Article draft = articles.create(edit("草稿文章", List.of(topic("t")), null), SaveAction.SAVE, Actor.SYSTEM);

        assertTrue(publicArticles.findPublished(published.slug()).isPresent());
        assertEquals(ArticleStatus.DRAFT, draft.status());
        assertTrue(publicArticles.findPublished(draft.slug()).isEmpty());
        assertTrue(articleLists.newest(1000).stream().noneMatch(a -> a.id().equals(draft.id())));
    }

    @Test
    void publishTimeIsTakenInSiteZoneAndStoredAsInstant() {
        Article a = articles.create(edit("时间测试", List.of(), LocalDateTime.parse("2024-05-28T02:54:57")),
                SaveAction.PUBLISH, Actor.SYSTEM);

        Instant expected = Instant.parse("2024-05-27T18:54:57Z");
        assertEquals(expected, a.publishedAt());
        assertEquals(expected, publicArticles.findPublished(a.slug()).orElseThrow().publishedAt());
    }

    @Test
    void automaticSummaryJoinsChineseParagraphsWithoutSpaceAndOthersWithOne() {
        Article chinese = articles.create(Articles.edit("自动摘要").body("这是一篇短文。\n\n分期购买的设置在这里。").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Article english = articles.create(Articles.edit("Automatic summary").summary(" ").body("A short one.\n\nThen the details.")
                .build(), SaveAction.SAVE, Actor.SYSTEM);

        assertEquals("这是一篇短文。分期购买的设置在这里。", chinese.summary());
        assertEquals("A short one. Then the details.", english.summary());
    }

    @Test
    void slugIsMadeFromChineseTitleAndKeptUnique() {
        Article first = articles.create(edit("如何关闭 分期付款?", List.of(), null), SaveAction.SAVE, Actor.SYSTEM);
        Article second = articles.create(edit("如何关闭 分期付款?", List.of(), null), SaveAction.SAVE, Actor.SYSTEM);

        assertEquals("如何关闭-分期付款", first.slug().replaceAll("-\\d+$", ""));
        assertFalse(first.slug().equals(second.slug()));
    }

    @Test
    void articlesWithTheSameTitleCreatedAtOnceAllGetSlugsOfTheirOwn() throws Exception {
        String title = "同时创建 " + UUID.randomUUID().toString().substring(0, 8);
        String newTopic = topic("同时的新主题");
        // Fewer than the pool's connections: each writer holds one for its whole save, and a writer
        // kept waiting past the pool's 2 s by a loaded machine would fail for a reason not tested here.
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
            List<java.util.concurrent.Future<Article>> created = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "正文 " + i;
                created.add(pool.submit(() -> {
                    start.await();
                    return articles.create(Articles.edit(title).body(body).topics(newTopic).build(), SaveAction.PUBLISH, Actor.SYSTEM);
                }));
            }
            Set<String> slugs = new java.util.HashSet<>();
            Set<String> bodies = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Article> f : created) {
                Article a = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                slugs.add(a.slug());
                bodies.add(adminArticles.find(a.id()).orElseThrow().bodyMarkdown());
            }
            assertEquals(writers, slugs.size(), "every article has a slug of its own: " + slugs);
            assertEquals(writers, bodies.size(), "no text was lost");
            for (String slug : slugs) {
                assertEquals(List.of(newTopic), publicArticles.findPublished(slug).orElseThrow().topics().stream()
                        .map(Topic::name).toList(), "the new topic was made once and every article carries it");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void duplicateSlugIsRefusedWithMessage() {
        String slug = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        articles.create(Articles.edit("一").slug(slug).body("x").build(), SaveAction.SAVE, Actor.SYSTEM);

        InvalidArticleException e = assertThrows(InvalidArticleException.class, () ->
                articles.create(Articles.edit("二").slug(slug).body("y").build(), SaveAction.SAVE, Actor.SYSTEM));
        assertTrue(e.errors().get("slug").contains(slug));
    }

    @Test
    void relatedListOrdersByMostSharedTopicsThenNewest() {
        String a = topic("a");
        String b = topic("b");
        Article main = articles.create(edit("主文章", List.of(a, b), LocalDateTime.parse("2024-01-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article oneOld = articles.create(edit("共享一个旧", List.of(a), LocalDateTime.parse("2024-01-02T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article oneNew = articles.create(edit("共享一个新", List.of(b), LocalDateTime.parse("2024-01-05T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article two = articles.create(edit("共享两个", List.of(a, b), LocalDateTime.parse("2024-01-03T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(edit("草稿不出现", List.of(a, b), null), SaveAction.SAVE, Actor.SYSTEM);
        articles.create(edit("无关", List.of(topic("c")), null), SaveAction.PUBLISH, Actor.SYSTEM);

        List<String> related = titles(publicArticles.findPublished(main.slug()).orElseThrow().related());
        assertEquals(List.of(two.title(), oneNew.title(), oneOld.title()), related);
    }

    @Test
    void neighboursInTheFirstTopicAreTheAdjacentPublishedOnesTiesByIdHiddenOnesSkipped() {
        String t = topic("t");
        Article first = articles.create(edit("第一", List.of(t), LocalDateTime.parse("2024-03-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article second = articles.create(edit("第二", List.of(t), LocalDateTime.parse("2024-03-02T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article hidden = articles.create(edit("撤回", List.of(t), LocalDateTime.parse("2024-03-02T12:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.unpublish(hidden.id(), Actor.SYSTEM);
        Article third = articles.create(edit("第三", List.of(t), LocalDateTime.parse("2024-03-03T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        // Published at the same moment: the later id is the newer one, as in the topic's list.
        Article tie = articles.create(edit("同时", List.of(t), LocalDateTime.parse("2024-03-03T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(edit("将来", List.of(t), LocalDateTime.parse("2099-01-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(edit("草稿", List.of(t), null), SaveAction.SAVE, Actor.SYSTEM);
        articles.create(edit("别的主题", List.of(topic("u")), LocalDateTime.parse("2024-03-02T06:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);

        assertEquals(Arrays.asList(null, "第二"), neighbours(first));
        assertEquals(List.of("第一", "第三"), neighbours(second));
        assertEquals(List.of("第二", "同时"), neighbours(third));
        assertEquals(Arrays.asList("第三", null), neighbours(tie));
    }

    private List<String> neighbours(Article a) {
        PublishedArticle shown = publicArticles.findPublished(a.slug()).orElseThrow();
        return Arrays.asList(shown.previous() == null ? null : shown.previous().title(),
                shown.next() == null ? null : shown.next().title());
    }

    @Test
    void unpublishingRemovesArticleFromOtherListsAndPublishingAddsIt() {
        String t = topic("t");
        Article first = articles.create(edit("第一篇", List.of(t), null), SaveAction.PUBLISH, Actor.SYSTEM);
        Article second = articles.create(edit("第二篇", List.of(t), null), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("第二篇"), titles(publicArticles.findPublished(first.slug()).orElseThrow().related()));

        articles.unpublish(second.id(), Actor.SYSTEM);
        assertEquals(List.of(), titles(publicArticles.findPublished(first.slug()).orElseThrow().related()));
        assertTrue(publicArticles.findPublished(second.slug()).isEmpty());

        Article current = adminArticles.find(second.id()).orElseThrow();
        articles.update(second.id(), Articles.editOf(current).topics(t).build(), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("第二篇"), titles(publicArticles.findPublished(first.slug()).orElseThrow().related()));
    }

    @Test
    void changingTopicsUpdatesTheListsOfArticlesItLeavesAndEnters() {
        String t1 = topic("t1");
        String t2 = topic("t2");
        Article left = articles.create(edit("旧邻居", List.of(t1), null), SaveAction.PUBLISH, Actor.SYSTEM);
        Article entered = articles.create(edit("新邻居", List.of(t2), null), SaveAction.PUBLISH, Actor.SYSTEM);
        Article mover = articles.create(edit("搬家的文章", List.of(t1), null), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("搬家的文章"), titles(publicArticles.findPublished(left.slug()).orElseThrow().related()));

        // A published article changes for readers when it is published again (更新); 保存 would keep it pending.
        articles.update(mover.id(), Articles.edit(mover.title()).slug(mover.slug()).body(mover.bodyMarkdown()).topics(t2)
                .basedOn(mover.version()).build(), SaveAction.PUBLISH, Actor.SYSTEM);

        assertEquals(List.of(), titles(publicArticles.findPublished(left.slug()).orElseThrow().related()));
        assertEquals(List.of("搬家的文章"), titles(publicArticles.findPublished(entered.slug()).orElseThrow().related()));
        List<Topic> topics = publicArticles.findPublished(mover.slug()).orElseThrow().topics();
        assertEquals(List.of(t2), topics.stream().map(Topic::name).toList());
    }

    @Test
    void saveBasedOnOldVersionIsRefusedAndKeepsCurrent() {
        Article a = articles.create(edit("并发编辑", List.of(), null), SaveAction.SAVE, Actor.SYSTEM);
        Long base = a.version();
        articles.update(a.id(), Articles.edit("第一个人的标题").slug(a.slug()).body("甲").basedOn(base).build(), SaveAction.SAVE, Actor.SYSTEM);

        EditConflictException e = assertThrows(EditConflictException.class, () -> articles.update(a.id(),
                Articles.edit("第二个人的标题").slug(a.slug()).body("乙").basedOn(base).build(), SaveAction.SAVE, Actor.SYSTEM));
        assertEquals("第一个人的标题", e.current().title());
        assertEquals("第一个人的标题", adminArticles.find(a.id()).orElseThrow().title());
    }

    @Test
    void emptyTitleAndOversizeFieldsAreRefused() {
        InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> articles.create(
                Articles.edit(" ").summary("x".repeat(ArticleValidator.MAX_SUMMARY + 1)).body("body").build(),
                SaveAction.SAVE, Actor.SYSTEM));
        assertTrue(e.errors().containsKey("title"));
        assertTrue(e.errors().containsKey("summary"));
    }

    @Test
    void usersAuthenticateWithBcryptAndUnknownOrWrongAreRefusedAlike() {
        String name = "editor" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, "编辑", "correct horse", Role.EDITOR);

        assertTrue(users.authenticate(name, "correct horse").isPresent());
        assertTrue(users.authenticate(name, "wrong password").isEmpty());
        assertTrue(users.authenticate("nobody-" + name, "correct horse").isEmpty());
        assertThrows(InvalidUserException.class, () -> users.create(name, "again", "another password", Role.AUTHOR));
    }

    @Test
    void aNulInAUsernameOrDisplayNameIsRefusedNotAFailure() {
        String name = "nul" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, "编辑", "correct horse", Role.EDITOR);
        assertTrue(users.authenticate(name + "\0", "correct horse").isEmpty());
        assertTrue(users.authenticate("\0", "correct horse").isEmpty());
        InvalidUserException e = assertThrows(InvalidUserException.class,
                () -> users.create("x" + name, "显示\0名称", "correct horse", Role.AUTHOR));
        assertTrue(e.errors().containsKey("displayName"));
        assertThrows(InvalidUserException.class, () -> users.create("y\0" + name, null, "correct horse", Role.AUTHOR));
    }

    @Test
    void rareSharedTopicCountsMoreThanCommonOne() {
        String common = topic("common");
        String rare = topic("rare");
        Article main = articles.create(edit("主", List.of(common, rare), LocalDateTime.parse("2023-01-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        for (int i = 0; i < 4; i++) {
            articles.create(edit("常见" + i, List.of(common), LocalDateTime.parse("2023-01-0" + (2 + i) + "T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        }
        articles.create(edit("稀有但旧", List.of(rare), LocalDateTime.parse("2022-01-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);

        List<String> related = titles(publicArticles.findPublished(main.slug()).orElseThrow().related());
        assertEquals("稀有但旧", related.get(0), "the rare topic outweighs the common one despite being older");
        assertEquals(List.of("常见3", "常见2", "常见1", "常见0"), related.subList(1, 5), "then newest first");
    }

    @Test
    void pinnedEntriesComeFirstAndExcludedOnesStayOutThroughRecomputes() {
        String t = topic("t");
        Article main = articles.create(edit("主文", List.of(t), LocalDateTime.parse("2023-02-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article older = articles.create(edit("较旧", List.of(t), LocalDateTime.parse("2023-02-02T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article newer = articles.create(edit("较新", List.of(t), LocalDateTime.parse("2023-02-03T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article unrelated = articles.create(edit("无关但置顶", List.of(topic("u")), null), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("较新", "较旧"), titles(publicArticles.findPublished(main.slug()).orElseThrow().related()));

        relatedLists.pin(main.id(), unrelated.id());
        relatedLists.pin(main.id(), older.id());
        relatedLists.exclude(main.id(), newer.id());
        assertEquals(List.of("无关但置顶", "较旧"), titles(publicArticles.findPublished(main.slug()).orElseThrow().related()));

        articles.create(edit("后来的", List.of(t), null), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("无关但置顶", "较旧", "后来的"), titles(publicArticles.findPublished(main.slug()).orElseThrow().related()),
                "a recompute keeps pins first and the exclusion out");

        articles.unpublish(unrelated.id(), Actor.SYSTEM);
        assertEquals(List.of("较旧", "后来的"), titles(publicArticles.findPublished(main.slug()).orElseThrow().related()),
                "an unpublished pin is not shown");

        relatedLists.clearOverride(main.id(), newer.id());
        assertTrue(titles(publicArticles.findPublished(main.slug()).orElseThrow().related()).contains("较新"));
    }

    @Test
    void bulkRecomputeStoresTheSameListsAsTheOneListStatement() {
        String a = topic("a");
        String b = topic("b");
        String c = topic("c");
        String d = topic("d");
        List<List<String>> shapes = List.of(List.of(a), List.of(b), List.of(c), List.of(a, b), List.of(b, c),
                List.of(a, d), List.of(c, d), List.of(d));
        Article main = articles.create(edit("多话题主文", List.of(a, b, c), LocalDateTime.parse("2022-01-01T00:00:00")),
                SaveAction.PUBLISH, Actor.SYSTEM);
        List<Article> others = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            others.add(articles.create(edit("邻居" + i, shapes.get(i % shapes.size()),
                    LocalDateTime.parse("2022-02-01T00:00:00").plusHours(i * 7L % 64)), SaveAction.PUBLISH, Actor.SYSTEM));
        }
        relatedLists.pin(main.id(), others.get(63).id());
        relatedLists.exclude(main.id(), others.get(3).id());
        relatedLists.exclude(others.get(10).id(), others.get(18).id());
        List<Long> sample = List.of(main.id(), others.get(0).id(), others.get(3).id(), others.get(10).id(),
                others.get(12).id(), others.get(31).id());
        Long stranger = others.get(7).id();

        Map<Long, List<List<Object>>> oneByOne = new java.util.HashMap<>();
        for (Long id : sample) {
            relatedLists.clearOverride(id, stranger.equals(id) ? main.id() : stranger); // no such override: a plain recompute
            oneByOne.put(id, stored(id));
        }
        relatedLists.refreshLists(sample);

        for (Long id : sample) {
            assertFalse(oneByOne.get(id).isEmpty());
            assertEquals(oneByOne.get(id), stored(id), "list of article " + id);
        }
        assertEquals(others.get(63).id(), stored(main.id()).get(0).get(0), "the pin stays first");
    }

    @Inject
    dev.cms.core.related.RelatedBacklog backlog;

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    @Test
    void waitingListsAreRecomputedByTheLeaseHolderOnly() throws Exception {
        String t = topic("backlog");
        String u = topic("backlog");
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(articles.create(edit("待算" + i, i % 3 == 0 ? List.of(t, u) : List.of(i % 2 == 0 ? t : u),
                    LocalDateTime.parse("2023-03-01T00:00:00").plusDays(i)), SaveAction.PUBLISH, Actor.SYSTEM).id());
        }
        relatedLists.pin(ids.get(1), ids.get(4));
        Map<Long, List<List<Object>>> expected = new java.util.HashMap<>();
        ids.forEach(id -> expected.put(id, stored(id)));
        // An import's state after its commit: lists stale (here: gone), all waiting, its lease still held.
        sql("DELETE FROM related_list WHERE article_id IN (" + joined(ids) + ")",
                "UPDATE related_backlog_lease SET holder = 'import, pid 1', expires_at = CURRENT_TIMESTAMP"
                        + " + INTERVAL '1' MINUTE");
        transactions.executeWrite(status -> {
            backlog.add(ids);
            backlog.add(ids.subList(0, 2)); // waiting already: left as it is
            return null;
        });
        assertEquals(6, backlog.waiting());
        assertEquals("import, pid 1", backlog.holder());

        var refused = backlog.drain("node, pid 2", n -> { }, () -> false);
        assertEquals("import, pid 1", refused.heldBy());
        assertEquals(0, refused.recomputed());
        assertEquals(List.of(), stored(ids.get(0)), "a process without the lease leaves the lists alone");

        List<Long> batches = new java.util.ArrayList<>();
        var drained = backlog.drain("import, pid 1", batches::add, () -> false);
        assertEquals(new dev.cms.core.related.RelatedBacklog.Drained(6, 0, null), drained);
        assertEquals(List.of(6L), batches);
        ids.forEach(id -> assertEquals(expected.get(id), stored(id), "list of article " + id));
        assertEquals(ids.get(4), stored(ids.get(1)).get(0).get(0), "the pin stays first");
        assertEquals(null, backlog.holder(), "the lease is released");

        // A holder that died: once its lease expires, anyone takes over.
        sql("DELETE FROM related_list WHERE article_id = " + ids.get(2),
                "UPDATE related_backlog_lease SET holder = 'import, pid 3', expires_at = CURRENT_TIMESTAMP"
                        + " - INTERVAL '1' MINUTE");
        transactions.executeWrite(status -> {
            backlog.add(List.of(ids.get(2)));
            return null;
        });
        assertEquals(new dev.cms.core.related.RelatedBacklog.Drained(1, 0, null),
                backlog.drain("node, pid 2", n -> { }, () -> false));
        assertEquals(expected.get(ids.get(2)), stored(ids.get(2)));

        transactions.executeWrite(status -> {
            backlog.add(ids);
            return null;
        });
        assertEquals(new dev.cms.core.related.RelatedBacklog.Drained(0, 6, null),
                backlog.drain("node, pid 2", n -> { }, () -> true), "asked to stop: nothing done, all still wait");

        // A holder on this machine that was killed: its unexpired lease is taken over at once.
        Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        String killedImport = dev.cms.core.related.RelatedBacklog.processName("import")
                .replaceFirst("pid \\d+", "pid " + gone.pid());
        sql("UPDATE related_backlog_lease SET holder = '" + killedImport + "', expires_at = CURRENT_TIMESTAMP"
                + " + INTERVAL '1' MINUTE");
        assertEquals(null, backlog.holder(), "a dead process holds nothing");
        assertEquals(new dev.cms.core.related.RelatedBacklog.Drained(6, 0, null),
                backlog.drain("node, pid 2", n -> { }, () -> false));
        String liveImport = dev.cms.core.related.RelatedBacklog.processName("import");
        sql("UPDATE related_backlog_lease SET holder = '" + liveImport + "', expires_at = CURRENT_TIMESTAMP"
                + " + INTERVAL '1' MINUTE");
        assertEquals(liveImport, backlog.drain("node, pid 2", n -> { }, () -> false).heldBy(),
                "a running holder keeps its lease");
        sql("UPDATE related_backlog_lease SET holder = NULL, expires_at = NULL");
    }

    @Test
    void twoTransactionsRecomputingTheSameListAtOnceBothCommit() throws Exception {
        String t = topic("race");
        Article main = articles.create(edit("同时重算", List.of(t), LocalDateTime.parse("2023-05-01T00:00:00")),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Article other = articles.create(edit("同时重算的邻居", List.of(t), LocalDateTime.parse("2023-05-02T00:00:00")),
                SaveAction.PUBLISH, Actor.SYSTEM);
        List<List<Object>> expected = stored(main.id());
        CompletableFuture<Long> drainSession = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        // A background drain batch: rewrites the list and keeps its transaction, and the row, until released.
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() ->
                transactions.executeWrite(status -> {
                    relatedLists.refreshLists(List.of(main.id()));
                    drainSession.complete(sessionId(status.getConnection()));
                    release.await(30, TimeUnit.SECONDS);
                    return null;
                }));
        long drainer = drainSession.get(10, TimeUnit.SECONDS);
        // Meanwhile an editor's change recomputes the same list: it waits for the row, then writes it.
        CompletableFuture<Void> editor = CompletableFuture.runAsync(() ->
                relatedLists.clearOverride(main.id(), other.id()));
        // The overlap this test is about, seen by the database itself: the editor's write is waiting for
        // the drain's row lock. Only then may the drain commit (with delete-then-insert, the editor's
        // insert failed on the primary key right here).
        await("the editor's write waiting for the drain's row").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .failFast("the editor's change finished without waiting for the drain's row", editor::isDone)
                .until(() -> sessionsWaitingFor(drainer) > 0);
        release.countDown();

        drain.get(10, TimeUnit.SECONDS);
        editor.get(10, TimeUnit.SECONDS);
        assertEquals(expected, stored(main.id()));
    }

    /** The database's id of the session on this connection: a PostgreSQL backend pid, an H2 session id. */
    private static long sessionId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery(isH2(connection) ? "SELECT SESSION_ID()" : "SELECT pg_backend_pid()")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** How many sessions are waiting for a lock the given session holds. */
    private long sessionsWaitingFor(long session) {
        return transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement s = connection.prepareStatement(isH2(connection)
                    ? "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id = ?"
                    : "SELECT COUNT(*) FROM pg_stat_activity WHERE ?::int = ANY (pg_blocking_pids(pid))")) {
                s.setLong(1, session);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private static boolean isH2(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
    }

    @Test
    void mergingAndDeletingATopicRecomputesTheListsItReaches() {
        String x = topic("merge-x");
        String y = topic("merge-y");
        Article a1 = articles.create(edit("并入甲一", List.of(x), LocalDateTime.parse("2023-06-01T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article a2 = articles.create(edit("并入甲二", List.of(x), LocalDateTime.parse("2023-06-02T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article b1 = articles.create(edit("并入乙一", List.of(y), LocalDateTime.parse("2023-06-03T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        Article b2 = articles.create(edit("并入乙二", List.of(y), LocalDateTime.parse("2023-06-04T00:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(List.of("并入甲二"), titles(publicArticles.findPublished(a1.slug()).orElseThrow().related()));

        topicService.merge(topicService.idOf(x).orElseThrow(), topicService.idOf(y).orElseThrow());

        assertEquals(List.of("并入乙二", "并入乙一", "并入甲二"), titles(publicArticles.findPublished(a1.slug()).orElseThrow().related()),
                "the merged articles and the target's share one topic now, newest first");
        assertEquals(List.of("并入乙二", "并入甲二", "并入甲一"), titles(publicArticles.findPublished(b1.slug()).orElseThrow().related()),
                "lists of the target's articles take in the merged ones");

        topicService.delete(topicService.idOf(y).orElseThrow());

        for (Article a : List.of(a1, a2, b1, b2)) {
            assertEquals(List.of(), titles(publicArticles.findPublished(a.slug()).orElseThrow().related()),
                    "with no topic left they share nothing");
        }
    }

    private void sql(String... statements) {
        transactions.executeWrite(status -> {
            try (java.sql.Statement s = status.getConnection().createStatement()) {
                for (String statement : statements) {
                    s.executeUpdate(statement);
                }
            }
            return null;
        });
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    private List<List<Object>> stored(Long articleId) {
        return relatedLists.storedList(articleId).stream()
                .map(e -> List.<Object>of(e.id(), e.position(), e.pinned())).toList();
    }

    @Test
    void changedSlugLeavesOldSlugsPointingToTheCurrentOne() {
        String first = "first-" + UUID.randomUUID().toString().substring(0, 8);
        Article a = articles.create(Articles.edit("改名").slug(first).body("x").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Article b = articles.update(a.id(), Articles.edit("改名").slug(first + "-2").body("x").basedOn(a.version()).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        articles.update(a.id(), Articles.edit("改名").slug(first + "-3").body("x").basedOn(b.version()).build(), SaveAction.PUBLISH, Actor.SYSTEM);

        assertEquals(first + "-3", publicArticles.currentSlugFor(first).orElseThrow());
        assertEquals(first + "-3", publicArticles.currentSlugFor(first + "-2").orElseThrow());
        assertTrue(publicArticles.currentSlugFor(first + "-3").isEmpty(), "the current slug is no redirect");

        Article taker = articles.create(Articles.edit("占用旧网址").slug(first).body("y").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(taker.id(), publicArticles.findPublished(first).orElseThrow().article().id());
        assertTrue(publicArticles.currentSlugFor(first).isEmpty(), "a new article taking an old slug ends its redirect");
    }

    @Inject
    ArticleRepository repository;

    @Inject
    dev.cms.core.topic.TopicService topicService;

    @Test
    void adminListFiltersByStatusTopicAuthorAndTitleAndPagesByKeyset() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            repository.save(new Article(null, "bulk-" + marker + "-" + i, "批量" + marker + " 第" + i + "篇", "", "x", "<p>x</p>",
                    i % 2 == 0 ? ArticleStatus.DRAFT : ArticleStatus.PUBLISHED, i % 2 == 0 ? null : base.plusSeconds(i),
                    base.plusSeconds(i), base.plusSeconds(1000 + i), null, null, null, null));
        }
        List<String> seen = new java.util.ArrayList<>();
        ArticleFilter filter = Articles.filter().titleContains("批量" + marker).build();
        while (true) {
            List<ArticleAdminRow> page = adminArticles.adminPage(filter, dev.cms.core.user.Actor.SYSTEM, 10);
            page.forEach(r -> seen.add(r.title()));
            if (page.size() < 10) {
                break;
            }
            ArticleAdminRow last = page.get(page.size() - 1);
            filter = Articles.filter().titleContains("批量" + marker).after(last).build();
        }
        assertEquals(25, seen.size());
        assertEquals(25, Set.copyOf(seen).size(), "no row twice across keyset pages");
        assertEquals("批量" + marker + " 第24篇", seen.get(0), "newest change first");

        List<ArticleAdminRow> drafts = adminArticles.adminPage(Articles.filter().status(ArticleStatus.DRAFT).titleContains(marker).build(),
                dev.cms.core.user.Actor.SYSTEM, 100);
        assertEquals(13, drafts.size());
        List<ArticleAdminRow> byPublish = adminArticles.adminPage(Articles.filter().status(ArticleStatus.PUBLISHED).titleContains(marker)
                .byPublishTime().build(), dev.cms.core.user.Actor.SYSTEM, 100);
        assertEquals("批量" + marker + " 第23篇", byPublish.get(0).title());

        String t = topic("filter");
        Article tagged = articles.create(Articles.edit("带主题的" + marker).body("x").topics(t).build(), SaveAction.SAVE, Actor.SYSTEM);
        Long topicId = topicService.idOf(t).orElseThrow();
        List<ArticleAdminRow> inTopic = adminArticles.adminPage(Articles.filter().topic(topicId).build(),
                dev.cms.core.user.Actor.SYSTEM, 100);
        assertEquals(List.of(tagged.id()), inTopic.stream().map(ArticleAdminRow::id).toList());
        assertTrue(adminArticles.adminPage(Articles.filter().titleContains("100%_不存在" + marker).build(),
                dev.cms.core.user.Actor.SYSTEM, 10).isEmpty(), "LIKE wildcards in the search are literal");
    }

    @Test
    void aNulInAnyFieldIsRefusedWithAMessageAndNothingIsStored() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> articles.create(
                Articles.edit("标题\0" + marker).slug("slug\0" + marker).summary("摘要\0").body("正文\0正文")
                        .topics("主题\0" + marker).build(), SaveAction.PUBLISH, Actor.SYSTEM));
        assertEquals(Set.of("title", "slug", "summary", "body", "topics"), e.errors().keySet());
        assertTrue(e.errors().values().stream().allMatch(m -> m.contains("U+0000")), e.errors().toString());
        assertTrue(adminArticles.adminPage(new ArticleFilter(null, null, null, marker, false, null, null),
                dev.cms.core.user.Actor.SYSTEM, 10).isEmpty(), "nothing was saved");

        Article saved = articles.create(edit("没有空字符 " + marker, List.of(), null), SaveAction.SAVE, Actor.SYSTEM);
        assertThrows(InvalidArticleException.class, () -> articles.update(saved.id(), Articles.edit(saved.title())
                .slug(saved.slug()).body("改了\0").basedOn(saved.version()).build(), SaveAction.SAVE, Actor.SYSTEM));
        assertEquals(saved.bodyMarkdown(), adminArticles.find(saved.id()).orElseThrow().bodyMarkdown());
    }

    @Test
    void publicLookupsOfSlugsNoArticleCanHaveFindNothing() {
        for (String slug : List.of("a\0b", "", "x".repeat(5000), "tab\there")) {
            assertTrue(publicArticles.findPublished(slug).isEmpty(), slug);
            assertTrue(publicArticles.currentSlugFor(slug).isEmpty(), slug);
        }
    }

    @Test
    void publishTimesOutsideNineteenSeventyToNineNineNineNineAreRefused() {
        for (String time : List.of("+999999999-12-31T23:59:59", "0000-01-01T00:00:00", "-0001-01-01T00:00:00",
                "1900-01-01T00:00:00", "1970-01-01T07:59:59", "+10000-06-01T00:00:00")) {
            InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> articles.create(
                    edit("时间 " + time, List.of(), LocalDateTime.parse(time)), SaveAction.PUBLISH, Actor.SYSTEM), time);
            assertEquals(Set.of("publishTime"), e.errors().keySet(), time);
        }
        // Shanghai is UTC+8: the first and last accepted times there.
        Article first = articles.create(edit("最早", List.of(), LocalDateTime.parse("1970-01-01T08:00:00")), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(ArticleValidator.EARLIEST_PUBLISH_TIME, first.publishedAt());
        Article last = articles.create(edit("最晚", List.of(), LocalDateTime.parse("9999-12-31T23:59:59")), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(ArticleStatus.SCHEDULED, last.status());
        assertEquals(Instant.parse("9999-12-31T15:59:59Z"), adminArticles.find(last.id()).orElseThrow().publishedAt(),
                "stored and read back as it was given");
    }

    @Test
    void aSaveThatDoesNotSayItsVersionIsRefusedAsAConflict() {
        Article a = articles.create(edit("没有版本号", List.of(), null), SaveAction.SAVE, Actor.SYSTEM);
        EditConflictException e = assertThrows(EditConflictException.class, () -> articles.update(a.id(),
                Articles.edit("覆盖").slug(a.slug()).body("覆盖的正文").build(), SaveAction.SAVE, Actor.SYSTEM));
        assertEquals("没有版本号", e.current().title());
        assertEquals(a.bodyMarkdown(), adminArticles.find(a.id()).orElseThrow().bodyMarkdown());
    }

    private static List<String> titles(List<RelatedLink> links) {
        return links.stream().map(RelatedLink::title).toList();
    }
}
