package dev.cms.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
