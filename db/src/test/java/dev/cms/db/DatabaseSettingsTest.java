package dev.cms.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database the settings name, from the environment and from command-line overrides. */
class DatabaseSettingsTest {

    private static final Map<String, String> POSTGRES_ENV = Map.of(
            "CMS_DB_URL", "jdbc:postgresql://db:5432/cms", "CMS_DB_USER", "cms", "CMS_DB_PASSWORD", "secret");

    @Test
    void givenValuesTakePrecedenceOverTheEnvironment() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(POSTGRES_ENV,
                "jdbc:postgresql://other:5432/cms", "admin", "other-secret");

        assertEquals(new DatabaseSettings("jdbc:postgresql://other:5432/cms", "admin", "other-secret"), settings);
    }

    @Test
    void valuesNotGivenComeFromTheEnvironment() {
        assertEquals(DatabaseSettings.fromEnvironment(POSTGRES_ENV),
                DatabaseSettings.fromEnvironment(POSTGRES_ENV, null, null, null));
    }

    @Test
    void postgresUrlGivenOnTheEmbeddedDefaultDoesNotConnectAsTheH2User() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(), "jdbc:postgresql://db:5432/cms", null, null);

        assertEquals("", settings.user());
    }

    @Test
    void h2UrlGivenOnAPostgresEnvironmentKeepsTheUserGiven() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(), "jdbc:h2:mem:x", null, null);

        assertEquals("sa", settings.user());
    }

    @Test
    void displayUrlDropsOptionsAndParameters() {
        assertEquals("jdbc:h2:file:/data/cms",
                new DatabaseSettings("jdbc:h2:file:/data/cms;MODE=PostgreSQL;PASSWORD=x", "sa", "").displayUrl());
        assertEquals("jdbc:postgresql://db:5432/cms",
                new DatabaseSettings("jdbc:postgresql://db:5432/cms?password=x", "cms", "").displayUrl());
    }

    @Test
    void embeddedDatabaseIsServedToOtherProcessesOnTheLoopbackAddressOnly(@TempDir Path dataDir) throws Exception {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of("CMS_DATA_DIR", dataDir.toString()));

        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            Properties lock = new Properties();
            try (Reader reader = Files.newBufferedReader(dataDir.resolve("cms.lock.db"))) {
                lock.load(reader);
            }
            String server = lock.getProperty("server");
            assertTrue(server != null && server.contains(":"), "AUTO_SERVER records its address: " + lock);
            String host = server.substring(0, server.lastIndexOf(':'));
            for (InetAddress address : InetAddress.getAllByName(host)) {
                assertTrue(address.isLoopbackAddress(), server + " is reachable from other machines");
            }
        }
    }
}
