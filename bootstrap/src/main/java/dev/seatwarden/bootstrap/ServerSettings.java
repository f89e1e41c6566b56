package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What a running server needs to know.
 *
 * @param rest where and how it listens
 * @param database the database it opens
 * @param sweepInterval how often the inactivity sweep (R13) and the purge of ended sessions run
 */
record ServerSettings(RestSettings rest, DatabaseSettings database, Duration sweepInterval) {

    /** The sweep runs every minute (cli-and-files.md). */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    ServerSettings {
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("the sweep interval is positive");
        }
    }

    static ServerSettings of(RestSettings rest, DatabaseSettings database) {
        return new ServerSettings(rest, database, SWEEP_INTERVAL);
    }
}
