package dev.seatwarden.application.port.out;

import io.vavr.collection.List;
import java.time.Instant;

/**
 * Failed sign-ins per e-mail address, kept where every server process sees them, so that the
 * sign-in throttle holds across processes. The key is the address compared without regard to
 * case; it need not belong to an account.
 */
public interface SignInFailures {

    void record(String emailKey, Instant at);

    /** The failures for {@code emailKey} at or after {@code from}, oldest first. */
    List<Instant> since(String emailKey, Instant from);

    /** Forgets every failure for {@code emailKey} (after a successful sign-in). */
    void clear(String emailKey);

    /**
     * Forgets every failure before {@code before}, for every address.
     *
     * @return how many were forgotten
     */
    int deleteBefore(Instant before);
}
