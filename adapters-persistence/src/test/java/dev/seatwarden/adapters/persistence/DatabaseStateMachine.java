package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.statemachine.LicensingStateMachine;
import dev.seatwarden.application.testing.Seeds;

/** Runs the licensing state machine over one open database, emptied before each sequence. */
final class DatabaseStateMachine {

    private DatabaseStateMachine() {}

    /**
     * Runs {@code -Dseatwarden.db.sequences} sequences (else {@code defaultSequences}) with the seed
     * of {@code -Dseatwarden.seed} (else a new one), prints one summary line, and checks every
     * sequence ran; the runner itself fails at the first disagreement with the model.
     */
    static void run(String testName, Database database, int defaultSequences) {
        long seed = Seeds.seed();
        int sequences = LicensingStateMachine.sequences("seatwarden.db.sequences", defaultSequences);

        var summary = LicensingStateMachine.run(
                () -> {
                    TestDatabases.empty(database);
                    return TestDatabases.stores(database);
                },
                sequences,
                seed);
        System.out.printf(
                "%s: engine %s, seed %d, %d sequences, %d commands in %d ms, %d of %d interesting outcomes reached%n",
                testName,
                database.engine(),
                summary.seed(),
                summary.sequences(),
                summary.commands(),
                summary.millis(),
                summary.interestingOutcomesReached().size(),
                LicensingStateMachine.INTERESTING_OUTCOMES.size());

        assertThat(summary.sequences()).isEqualTo(sequences);
    }
}
