package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.statemachine.LicensingModel;
import dev.seatwarden.application.statemachine.LicensingStateMachine;
import dev.seatwarden.application.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The licensing state machine over the PostgreSQL stores: random command sequences answer like the
 * independent {@link LicensingModel} and keep every invariant when the state lives in PostgreSQL
 * (at SERIALIZABLE). Skipped, saying why, when {@value TestDatabases#PG_URL_VARIABLE} is not set.
 *
 * <p>{@code -Dseatwarden.seed=…} replays a run; {@code -Dseatwarden.db.sequences=…} sets how many
 * sequences run (default {@value #DEFAULT_SEQUENCES}, fewer than in memory: each step is many
 * queries, each a round trip to the server).
 */
class PostgresLicensingStateMachineTest {

    static final int DEFAULT_SEQUENCES = 50;

    @Test
    void random_command_sequences_over_postgresql_answer_like_the_reference_model_and_keep_every_invariant() {
        // Given one PostgreSQL schema of its own, emptied before each sequence
        long seed = Seeds.seed();
        int sequences = LicensingStateMachine.sequences("seatwarden.db.sequences", DEFAULT_SEQUENCES);
        try (var schema = TestDatabases.PostgresSchema.create();
                var database = schema.open()) {

            // When the sequences run against the application over it and against the model
            var summary = LicensingStateMachine.run(
                    () -> {
                        TestDatabases.empty(database);
                        return TestDatabases.stores(database);
                    },
                    sequences,
                    seed);
            System.out.printf(
                    "PostgresLicensingStateMachineTest: engine %s, seed %d, %d sequences, %d commands in %d ms,"
                            + " %d of %d interesting outcomes reached%n",
                    database.engine(),
                    summary.seed(),
                    summary.sequences(),
                    summary.commands(),
                    summary.millis(),
                    summary.interestingOutcomesReached().size(),
                    LicensingStateMachine.INTERESTING_OUTCOMES.size());

            // Then no sequence disagreed (run fails at the first that does) and every one ran
            assertThat(database.engine()).isEqualTo(Engine.POSTGRESQL);
            assertThat(summary.sequences()).isEqualTo(sequences);
        }
    }
}
