package dev.cms.core.article;

import dev.cms.db.DatabaseSettings;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The plans on the embedded default, H2 in PostgreSQL mode (in memory here). */
class H2QueryPlansTest extends QueryPlansContract {

    @Override
    DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plans-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + DatabaseSettings.H2_OPTIONS);
        h2.setUser("sa");
        return h2;
    }

    @Override
    String series(int n) {
        return "SYSTEM_RANGE(1, " + n + ") series(x)";
    }

    @Override
    String minutesAfter2020(String x) {
        return "DATEADD(MINUTE, " + x + ", TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00')";
    }

    @Override
    String explain(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            return text(s.executeQuery("EXPLAIN " + sql));
        }
    }

    @Override
    boolean readsWholeTable(String plan) {
        // H2 names a scan of a whole table "tableScan"; a scan of every published row would use
        // the status index with status alone, which the order checks catch.
        return plan.contains("tableScan");
    }

    @Override
    boolean readsIndexInOrder(String plan, String index) {
        return plan.contains("public." + index + ":") && plan.contains("/* index sorted */");
    }

    @Override
    boolean startsFromTheArticlesOwnTopics(String plan) {
        int from = plan.indexOf("FROM ");
        return from >= 0 && plan.substring(from).startsWith("FROM \"public\".\"article_topic\" \"mine\"")
                && plan.substring(from).split("\n")[1].contains("PRIMARY_KEY");
    }
}
