package dev.cms.core.article;

import dev.cms.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The plans on PostgreSQL, the production database, in a database of its own. */
class PostgresQueryPlansTest extends QueryPlansContract {

    private TestDatabases.PostgresDatabase database;

    @Override
    DataSource database() {
        database = TestDatabases.postgres("cms_plans_test");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(database.url());
        pg.setUser(database.user());
        pg.setPassword(database.password());
        return pg;
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    String series(int n) {
        return "generate_series(1, " + n + ") series(x)";
    }

    @Override
    String minutesAfter2020(String x) {
        return "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' + " + x + " * INTERVAL '1 minute'";
    }

    @Override
    String explain(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            return text(s.executeQuery("EXPLAIN " + sql));
        }
    }

    @Override
    boolean readsWholeTable(String plan) {
        return plan.contains("Seq Scan on article ") || plan.contains("Seq Scan on article_topic ");
    }

    @Override
    boolean readsIndexInOrder(String plan, String index) {
        // The page's rows come off the index in order; a sort may follow only on the page itself
        // (the numbered pages order their 20 rows again after the join).
        String[] lines = plan.split("\n");
        // In id order PostgreSQL may as well walk the primary key, filtering as it goes.
        boolean indexed = plan.contains(" using " + index + " on article")
                || index.equals("ix_article_status_id") && plan.contains(" using article_pkey on article");
        int sortsOverIndex = 0;
        for (String line : lines) {
            if (line.contains("Sort") && !line.contains("Sort Key") && line.contains("rows=")) {
                long rows = Long.parseLong(line.replaceAll(".*rows=(\\d+).*", "$1"));
                if (rows > 1000) {
                    sortsOverIndex++;
                }
            }
        }
        return indexed && sortsOverIndex == 0;
    }

    @Override
    boolean startsFromTheArticlesOwnTopics(String plan) {
        // The innermost, first-read relation: the article's own links, by their primary key.
        return plan.contains("Index Only Scan using pk_article_topic on article_topic mine")
                || plan.contains("Index Scan using pk_article_topic on article_topic mine")
                || plan.contains("Bitmap Index Scan on pk_article_topic");
    }
}
