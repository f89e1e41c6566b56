package dev.seatwarden.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The system clock in whole microseconds, the precision the database keeps, so that an instant a
 * use case computes is the one it reads back. Not {@code Clock.tick(systemUTC(), 1 µs)}: on Java
 * 17 that clock's {@code millis()} divides by zero for ticks under a millisecond.
 */
final class MicrosecondClock extends Clock {

    private final Clock base;

    private MicrosecondClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The system's UTC clock, truncated to microseconds. */
    static Clock systemUtc() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /** {@code base}, truncated to microseconds. */
    static Clock of(Clock base) {
        return new MicrosecondClock(base);
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Every rule reads instants, which carry no zone; the zone is only ever UTC here.
        return this;
    }
}
