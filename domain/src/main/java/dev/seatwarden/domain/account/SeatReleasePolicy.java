package dev.seatwarden.domain.account;

import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * R14 (with R15): at most {@code limit} quota-using events — manual releases and, by R15,
 * re-activations — in any rolling window of {@code window}. An event at {@code e} lies in the
 * window ending at {@code t} when {@code t - window < e}, so exactly {@code window} after a release
 * the next one is allowed (R18).
 */
public record SeatReleasePolicy(int limit, Duration window) {

    public SeatReleasePolicy {
        Objects.requireNonNull(window, "window");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public static SeatReleasePolicy from(LicensingSettings settings) {
        return new SeatReleasePolicy(settings.manualReleaseLimit(), settings.manualReleaseWindow());
    }

    /** The quota uses that still count at {@code now}, newest first. */
    public List<Instant> inWindow(List<Instant> uses, Instant now) {
        var start = now.minus(window);
        return uses.filter(use -> use.isAfter(start)).sorted().reverse();
    }

    /**
     * The earliest moment a manual release is allowed, or none when it is allowed at {@code now}.
     */
    public Option<Instant> nextReleaseAt(List<Instant> uses, Instant now) {
        var counting = inWindow(uses, now);
        return counting.size() < limit
                ? Option.none()
                : Option.some(counting.get(limit - 1).plus(window));
    }

    /** Allows a manual release at {@code now}, or refuses it with the moment to retry. */
    public Either<Refusal, Instant> check(List<Instant> uses, Instant now) {
        return nextReleaseAt(uses, now)
                .<Either<Refusal, Instant>>map(retryAt -> Either.left(new Refusal.SeatReleaseRateLimited(retryAt)))
                .getOrElse(() -> Either.right(now));
    }

    /** The quota uses after one more at {@code now}; those that no longer count are dropped. */
    public List<Instant> record(List<Instant> uses, Instant now) {
        return inWindow(uses, now).reverse().append(now);
    }
}
