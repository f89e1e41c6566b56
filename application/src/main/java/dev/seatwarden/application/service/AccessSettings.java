package dev.seatwarden.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of signing in and of sessions.
 *
 * @param sessionIdleTimeout a session ends after this long without a request (default 8 hours)
 * @param sessionMaxAge a session ends this long after sign-in (default 7 days)
 * @param activityGranularity a session's last request is recorded only when the recorded one is at
 *     least this old, so that not every request writes (default 60 seconds); a session may thus
 *     end up to this much earlier than its idle timeout says
 * @param maxSignInFailures sign-in is refused while this many failures for an e-mail lie in the
 *     window (default 5)
 * @param signInFailureWindow the window (default 15 minutes)
 * @param minPasswordLength the shortest password, in code points (default 12)
 * @param maxPasswordLength the longest password, in code points (default 1024)
 */
public record AccessSettings(
        Duration sessionIdleTimeout,
        Duration sessionMaxAge,
        Duration activityGranularity,
        int maxSignInFailures,
        Duration signInFailureWindow,
        int minPasswordLength,
        int maxPasswordLength) {

    public AccessSettings {
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
        Objects.requireNonNull(activityGranularity, "activityGranularity");
        Objects.requireNonNull(signInFailureWindow, "signInFailureWindow");
        if (isNotPositive(sessionIdleTimeout) || isNotPositive(sessionMaxAge) || isNotPositive(signInFailureWindow)) {
            throw new IllegalArgumentException("session and failure durations are positive");
        }
        if (activityGranularity.isNegative() || activityGranularity.compareTo(sessionIdleTimeout) >= 0) {
            throw new IllegalArgumentException("the activity granularity is shorter than the idle timeout");
        }
        if (maxSignInFailures < 1 || minPasswordLength < 1 || maxPasswordLength < minPasswordLength) {
            throw new IllegalArgumentException("limits are positive and the password range is not empty");
        }
    }

    private static boolean isNotPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }

    /** The values of {@code rest-api.md} and {@code cli-and-files.md}. */
    public static AccessSettings defaults() {
        return new AccessSettings(
                Duration.ofHours(8), Duration.ofDays(7), Duration.ofSeconds(60), 5, Duration.ofMinutes(15), 12, 1024);
    }
}
