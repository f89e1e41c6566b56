package dev.seatwarden.adapters.persistence;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema's migrations, {@code db/migration/V*__*.sql} on the class path, applied by Flyway. One
 * set of scripts serves both engines; the words that differ are placeholders filled in here.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /** Applies the migrations the database lacks; answers how many were applied. */
    static int apply(DataSource dataSource, Engine engine) {
        try {
            return flyway(dataSource, engine).migrate().migrationsExecuted;
        } catch (FlywayException failure) {
            throw new DatabaseException("the database's migrations failed: " + failure.getMessage(), failure);
        }
    }

    static Flyway flyway(DataSource dataSource, Engine engine) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(placeholders(engine))
                // all pending versions in one transaction: a new file is migrated whole or not at
                // all, so two processes opening it at once (SQLite: Flyway takes no lock there)
                // cannot each apply part of it; the one that fails tries again and finds it done
                .group(true)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
    }

    static Map<String, String> placeholders(Engine engine) {
        return switch (engine) {
            case SQLITE -> Map.of("id", "TEXT", "sequence_key", "INTEGER PRIMARY KEY AUTOINCREMENT");
            case POSTGRESQL ->
                Map.of("id", "TEXT COLLATE \"C\"", "sequence_key", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        };
    }
}
