package dev.seatwarden.bootstrap.architecture.planted.domain;

import java.time.Instant;
import java.util.function.LongSupplier;

/** Reads the wall clock twice: once by a call, once by a method reference. */
public final class WallClockEntity {

    public Instant createdAt() {
        return Instant.now();
    }

    public LongSupplier millis() {
        return System::currentTimeMillis;
    }
}
