package dev.seatwarden.adapters.persistence;

import dev.seatwarden.adapters.persistence.DatabaseSettings.SqliteSynchronous;
import dev.seatwarden.application.statemachine.LicensingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licensing state machine over the SQLite stores: random command sequences answer like the
 * independent {@link LicensingModel} and keep every invariant when the state lives in SQLite.
 *
 * <p>{@code -Dseatwarden.seed=…} replays a run; {@code -Dseatwarden.db.sequences=…} sets how many
 * sequences run (default {@value #DEFAULT_SEQUENCES}, fewer than in memory: each step is many
 * queries).
 */
class SqliteLicensingStateMachineTest {

    static final int DEFAULT_SEQUENCES = 75;

    @TempDir
    Path folder;

    @Test
    void random_command_sequences_over_sqlite_answer_like_the_reference_model_and_keep_every_invariant() {
        // Given one SQLite database, emptied before each sequence. Durability is not under test here
        // (nothing crashes), so commits need not wait for the disk: synchronous=NORMAL keeps it fast.
        var settings = TestDatabases.sqliteSettings(folder.resolve("state-machine.db"))
                .withSqliteSynchronous(SqliteSynchronous.NORMAL);
        try (var database = Database.open(settings)) {
            // When the sequences run against the application over it and against the model,
            // then none disagrees and every one runs
            DatabaseStateMachine.run("SqliteLicensingStateMachineTest", database, DEFAULT_SEQUENCES);
        }
    }
}
