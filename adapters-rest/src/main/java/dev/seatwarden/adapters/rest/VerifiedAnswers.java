package dev.seatwarden.adapters.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.domain.seat.Assignment;

/**
 * The JSON bodies of successful verifications. A body is a function of its {@link
 * VerificationResult} alone, and the steady state (CONTINUING: same machine, use recorded under a
 * minute ago, R10) answers the same result again and again: its body is written once and kept, by
 * result, for the next (issue 7: writing it took about a fifth of what verify costs over the no-op
 * route). Nothing to invalidate: another result (a refreshed {@code autoReleaseAt}, another
 * machine) is another key. Bounded like the verification cache, about 500 bytes an entry.
 */
final class VerifiedAnswers {

    static final int MAXIMUM_KEPT = 10_000;

    private final Cache<VerificationResult, byte[]> continuing = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumSize(MAXIMUM_KEPT)
            .build();

    /** The body of {@code result}'s 200 answer; callers must not change it. */
    byte[] body(VerificationResult result) {
        if (result.assignment() != Assignment.CONTINUING) {
            return write(result);
        }
        return continuing.get(result, VerifiedAnswers::write);
    }

    private static byte[] write(VerificationResult result) {
        return JsonBodies.write(Representations.verified(result));
    }
}
