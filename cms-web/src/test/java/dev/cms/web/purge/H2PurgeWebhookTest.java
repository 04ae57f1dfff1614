package dev.cms.web.purge;

import dev.cms.core.testing.TestDatabases;

import java.util.Map;

class H2PurgeWebhookTest extends PurgeWebhookContract {

    @Override
    Map<String, String> database() {
        return TestDatabases.h2("purge-webhook");
    }
}
