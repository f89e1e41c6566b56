package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings.SqliteSynchronous;
import dev.seatwarden.application.statemachine.LicensingModel;
import dev.seatwarden.application.statemachine.LicensingStateMachine;
import dev.seatwarden.application.testing.Seeds;
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
        long seed = Seeds.seed();
        int sequences = LicensingStateMachine.sequences("seatwarden.db.sequences", DEFAULT_SEQUENCES);
        var settings = TestDatabases.sqliteSettings(folder.resolve("state-machine.db"))
                .withSqliteSynchronous(SqliteSynchronous.NORMAL);
        try (var database = Database.open(settings)) {

            // When the sequences run against the application over it and against the model
            var summary = LicensingStateMachine.run(
                    () -> {
                        TestDatabases.empty(database);
                        return TestDatabases.stores(database);
                    },
                    sequences,
                    seed);
            System.out.printf(
                    "SqliteLicensingStateMachineTest: engine %s, seed %d, %d sequences, %d commands in %d ms,"
                            + " %d of %d interesting outcomes reached%n",
                    database.engine(),
                    summary.seed(),
                    summary.sequences(),
                    summary.commands(),
                    summary.millis(),
                    summary.interestingOutcomesReached().size(),
                    LicensingStateMachine.INTERESTING_OUTCOMES.size());

            // Then no sequence disagreed (run fails at the first that does) and every one ran
            assertThat(database.engine()).isEqualTo(Engine.SQLITE);
            assertThat(summary.sequences()).isEqualTo(sequences);
        }
    }
}
