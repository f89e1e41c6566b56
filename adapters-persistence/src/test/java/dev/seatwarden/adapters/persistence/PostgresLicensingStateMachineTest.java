package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.statemachine.LicensingModel;
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
        try (var schema = TestDatabases.PostgresSchema.create();
                var database = schema.open()) {
            // When the sequences run against the application over it and against the model,
            // then none disagrees and every one runs
            DatabaseStateMachine.run("PostgresLicensingStateMachineTest", database, DEFAULT_SEQUENCES);
        }
    }
}
