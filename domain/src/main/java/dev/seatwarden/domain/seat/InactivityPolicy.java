package dev.seatwarden.domain.seat;

import dev.seatwarden.domain.shared.LicensingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** R13: a seat whose last activity is {@code period} or more in the past is free. */
public record InactivityPolicy(Duration period) {

    public InactivityPolicy {
        Objects.requireNonNull(period, "period");
    }

    public static InactivityPolicy from(LicensingSettings settings) {
        return new InactivityPolicy(settings.inactivityPeriod());
    }

    /** When a seat last active at {@code lastActivity} frees itself. */
    public Instant autoReleaseAt(Instant lastActivity) {
        return lastActivity.plus(period);
    }

    /** Whether such a seat is free at {@code now}; exactly at the end of the period it is (R18). */
    public boolean isInactive(Instant lastActivity, Instant now) {
        return !now.isBefore(autoReleaseAt(lastActivity));
    }
}
