package dev.cms.core.schema;

import dev.cms.db.SchemaMigrations;
import dev.cms.db.SchemaState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** The database's schema as it is now, compared with this build's migrations: for the health check. */
@Singleton
public class DatabaseSchema {

    private final SchemaMigrations migrations;

    public DatabaseSchema(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.migrations = new SchemaMigrations((resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource));
    }

    /** Reads the schema history; throws when the database cannot be reached. */
    public SchemaState state() {
        return migrations.check();
    }
}
