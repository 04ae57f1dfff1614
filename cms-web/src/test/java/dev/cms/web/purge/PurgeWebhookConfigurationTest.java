package dev.cms.web.purge;

import dev.cms.core.testing.TestDatabases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurgeWebhookConfigurationTest {

    @Test
    void aWebhookUrlWithoutASecretStopsTheNodeFromStartingAndSaysWhy() {
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2("purge-config"));
        properties.put("cms.search.enabled", "false");
        properties.put("cms.purge.webhook.url", "https://cdn.example.test/purge");

        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(properties, Environment.TEST).close());

        StringBuilder messages = new StringBuilder();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("CMS_PURGE_WEBHOOK_SECRET is not"), messages.toString());
    }
}
