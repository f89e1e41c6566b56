package dev.seatwarden.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryStores;
import dev.seatwarden.application.statemachine.LicensingModel;
import dev.seatwarden.application.statemachine.LicensingStateMachine;
import dev.seatwarden.application.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The licensing rules as a state machine over the in-memory adapters: random sequences of commands
 * run against the application and against {@link LicensingModel}, an independent reference model
 * written from {@code domain-rules.md}, comparing every answer and the whole state after every step
 * and checking invariants on the application's state (see {@link LicensingStateMachine}).
 *
 * <p>{@code -Dseatwarden.seed=…} replays a run exactly (secrets and ids come from seeded
 * generators); {@code -Dseatwarden.sequences=…} sets how many sequences run (default 1000).
 */
class LicensingStateMachineProperties {

    private static final int DEFAULT_SEQUENCES = 1000;

    @Test
    void random_command_sequences_answer_like_the_reference_model_and_keep_every_invariant() {
        // Given a seed, and fresh in-memory stores for every sequence
        long seed = Seeds.seed();
        var configured = System.getProperty("seatwarden.sequences");
        int sequences = configured == null ? DEFAULT_SEQUENCES : Integer.parseInt(configured.trim());

        // When the sequences run against the application and the model (it fails at the first disagreement)
        var summary = LicensingStateMachine.run(InMemoryStores::fresh, sequences, seed);
        System.out.printf(
                "LicensingStateMachineProperties: seed %d, %d sequences, %d commands in %d ms%n  outcomes: %s%n",
                summary.seed(), summary.sequences(), summary.commands(), summary.millis(), summary.outcomes());

        // Then every sequence ran, and a full run reached every interesting state
        assertThat(summary.sequences()).isEqualTo(sequences);
        if (configured == null) {
            assertThat(summary.sequences()).isGreaterThanOrEqualTo(DEFAULT_SEQUENCES);
        }
        if (sequences >= DEFAULT_SEQUENCES) {
            // The generator must reach the interesting states, or the comparison proves little.
            assertThat(summary.outcomes().keySet()).containsAll(LicensingStateMachine.INTERESTING_OUTCOMES);
        }
    }
}
