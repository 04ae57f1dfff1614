package dev.cms.core.article;

import dev.cms.core.content.ContentVersionRepository;
import dev.cms.core.feed.FeedRepository;
import dev.cms.core.related.RelatedRepository;
import dev.cms.core.search.SearchRepository;
import dev.cms.core.sitemap.SitemapRepository;
import dev.cms.db.SchemaMigrations;
import io.micronaut.data.annotation.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans of the statements every public page and every publish runs, on a site of 100,000
 * published articles over 2,000 topics (3 topics each, as cms-admin/src/bench/GenerateArchive.java
 * makes), so a planner change or an edited query that falls back to reading the whole site fails
 * here rather than on a large site. The site is made by a few INSERT ... SELECT statements over a
 * generated series (seconds); each statement is taken from its repository's {@code @Query}, with
 * literal values in place of its parameters, and explained. Run by {@link H2QueryPlansTest} and
 * {@link PostgresQueryPlansTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryPlansContract {

    static final int ARTICLES = 100_000;
    static final int TOPICS = 2_000;

    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("now", "TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00'"),
            Map.entry("from", "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'"),
            Map.entry("to", "TIMESTAMP WITH TIME ZONE '2020-02-01 00:00:00+00'"),
            Map.entry("limit", "20"),
            Map.entry("offset", "780"),
            Map.entry("topicId", "17"),
            Map.entry("articleId", "50000"),
            Map.entry("publishedAt", "TIMESTAMP WITH TIME ZONE '2020-02-04 17:20:00+00'"),
            Map.entry("afterId", "60000"),
            Map.entry("toId", "100000"),
            Map.entry("slug", "'a-50000'"),
            Map.entry("ids", "49000, 50001, 50002, 50003"));

    private Connection db;

    /** A new empty database for this class. */
    abstract DataSource database();

    /** SELECT x FROM (a series of the integers 1 to n) for this database. */
    abstract String series(int n);

    /** The publish time of article x: one minute apart from 2020-01-01 UTC. */
    abstract String minutesAfter2020(String x);

    /** The plan of {@code sql} as text. */
    abstract String explain(Connection db, String sql) throws SQLException;

    /** Whether the plan reads the whole article table (or sorts it) instead of an index range. */
    abstract boolean readsWholeTable(String plan);

    /** Whether the plan walks an index in the query's order (no sort of the rows read). */
    abstract boolean readsIndexInOrder(String plan, String index);

    @BeforeAll
    void largeSite() throws SQLException {
        DataSource dataSource = database();
        new SchemaMigrations(dataSource).migrate();
        db = dataSource.getConnection();
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO topic (id, slug, name, created_at) SELECT x, 'topic-' || x, 'Topic ' || x,"
                    + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' FROM " + series(TOPICS));
            s.execute("INSERT INTO article (id, slug, title, summary, body_markdown, body_html, status, published_at,"
                    + " created_at, updated_at) SELECT x, 'a-' || x, 'Article ' || x, '', 'body', '<p>body</p>',"
                    + " 'PUBLISHED', " + minutesAfter2020("x") + ", " + minutesAfter2020("x") + ", "
                    + minutesAfter2020("x") + " FROM " + series(ARTICLES));
            // A few drafts, the other statuses a public query must step over.
            s.execute("UPDATE article SET status = 'DRAFT' WHERE MOD(id, 97) = 0");
            for (int offset : new int[] {0, 7, 131}) {
                s.execute("INSERT INTO article_topic (article_id, topic_id) SELECT x, MOD(x + " + offset + ", "
                        + TOPICS + ") + 1 FROM " + series(ARTICLES));
            }
            s.execute("ANALYZE");
        }
    }

    @AfterAll
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void homePageAndFeedReadTheNewestArticlesAlongTheIndex() throws Exception {
        assertInOrder(query(ArticleRepository.class, "findPublishedSummaries", 2), "ix_article_published");
        assertInOrder(query(FeedRepository.class, "findPublishedEntries"), "ix_article_published");
        assertInOrder(query(ContentVersionRepository.class, "findLastPublicationUpTo"), "ix_article_published");
        assertInOrder(query(ContentVersionRepository.class, "findNextPublicationAfter"), "ix_article_published");
        assertInOrder(query(ContentVersionRepository.class, "findFirstPublicationUpTo"), "ix_article_published");
    }

    @Test
    void numberedPagesAndMonthsSkipAlongTheIndex() throws Exception {
        assertInOrder(query(ArticleRepository.class, "findPublishedSummaries", 3), "ix_article_published");
        assertInOrder(query(ArticleRepository.class, "findPublishedSummariesBetween"), "ix_article_published");
    }

    @Test
    void topicPagesAndFeedsStartFromTheTopic() throws Exception {
        assertIndexed(query(ArticleRepository.class, "findPublishedSummariesInTopic"));
        assertIndexed(query(ArticleRepository.class, "countPublishedInTopic"));
        assertIndexed(query(FeedRepository.class, "findPublishedEntriesOfTopic"));
        assertIndexed(query(FeedRepository.class, "findPublicTopicBySlug"));
        assertIndexed(query(ArticleRepository.class, "findPublishedBySlug"));
        assertIndexed(query(ArticleRepository.class, "findPublishedBeforeInTopic"));
        assertIndexed(query(ArticleRepository.class, "findPublishedAfterInTopic"));
    }

    @Test
    void sitemapAndSearchRebuildReadBatchesInIdOrder() throws Exception {
        assertInOrder(query(SitemapRepository.class, "findPublishedArticles"), "ix_article_status_id");
        assertInOrder(query(SearchRepository.class, "findIndexable"), "ix_article_status_id");
    }

    @Test
    void publishingReadsOnlyTheArticlesSharingItsTopics() throws Exception {
        assertIndexed(query(RelatedRepository.class, "findSharedTopicLinks"));
        String scoring = explain(db, query(RelatedRepository.class, "findSharedTopicLinks"));
        assertTrue(startsFromTheArticlesOwnTopics(scoring), "the scoring starts from the article's own topic links:\n"
                + scoring);
        assertIndexed(query(RelatedRepository.class, "findPublishedAt"));
        assertIndexed(query(RelatedRepository.class, "findNeighbourIds"));
        assertIndexed(query(RelatedRepository.class, "findPublishedPins"));
        assertIndexed(query(RelatedRepository.class, "findOverriddenIds"));
        assertIndexed(query(RelatedRepository.class, "findList"));
    }

    /** Whether the plan begins with the article's own links (article_topic by its primary key). */
    abstract boolean startsFromTheArticlesOwnTopics(String plan);

    private void assertIndexed(String sql) throws SQLException {
        String plan = explain(db, sql);
        assertFalse(readsWholeTable(plan), "reads the whole table:\n" + sql + "\n" + plan);
    }

    private void assertInOrder(String sql, String index) throws SQLException {
        String plan = explain(db, sql);
        assertFalse(readsWholeTable(plan), "reads the whole table:\n" + sql + "\n" + plan);
        assertTrue(readsIndexInOrder(plan, index), "does not walk " + index + " in order:\n" + sql + "\n" + plan);
    }

    /** The repository method's SQL with literal values for its parameters. */
    static String query(Class<?> repository, String method) {
        return query(repository, method, -1);
    }

    static String query(Class<?> repository, String method, int parameters) {
        Method found = Arrays.stream(repository.getMethods())
                .filter(m -> m.getName().equals(method) && (parameters < 0 || m.getParameterCount() == parameters))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + method));
        String sql = found.getAnnotation(Query.class).value();
        Matcher named = Pattern.compile("(?<!:):([A-Za-z]+)").matcher(sql);
        StringBuilder literal = new StringBuilder();
        while (named.find()) {
            String value = VALUES.get(named.group(1));
            if (value == null) {
                throw new AssertionError("no test value for :" + named.group(1) + " in " + sql);
            }
            named.appendReplacement(literal, Matcher.quoteReplacement(value));
        }
        named.appendTail(literal);
        return literal.toString();
    }

    static String text(ResultSet rows) throws SQLException {
        StringBuilder plan = new StringBuilder();
        while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
        }
        return plan.toString();
    }
}
