package dev.seatwarden.bootstrap.architecture.planted.domain;

import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/** Breaks no rule: reading time from an injected clock is how it is done (R18). */
public final class CleanEntity {

    public Option<Instant> expiresAt(Clock clock) {
        return Option.some(Instant.now(clock));
    }
}
