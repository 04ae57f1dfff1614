package dev.cms.web.purge;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

class PostgresPurgeWebhookTest extends PurgeWebhookContract {

    private TestDatabases.PostgresDatabase postgres;

    @Override
    Map<String, String> database() {
        postgres = TestDatabases.postgres("purge_webhook");
        return postgres.properties();
    }

    @Override
    void afterNodesClosed() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
