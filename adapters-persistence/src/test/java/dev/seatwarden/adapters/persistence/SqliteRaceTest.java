package dev.seatwarden.adapters.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The races on SQLite: two pools on one database file, as two server processes sharing it would
 * have. Within a process units queue on its fair lock; across the two, on the file's lock.
 */
class SqliteRaceTest extends RaceScenarios {

    @TempDir
    Path folder;

    @Override
    protected String engine() {
        return "SQLite";
    }

    /** Every SQLite commit waits for the disk (synchronous=FULL). */
    @Override
    protected int defaultRounds() {
        return 20;
    }

    @Override
    protected DatabaseSettings newDatabase() {
        return TestDatabases.sqliteSettings(folder.resolve("race.db"));
    }
}
