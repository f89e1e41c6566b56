package dev.seatwarden.adapters.rest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New request ids: random (version 4) UUIDs from {@link ThreadLocalRandom}. A request id names a
 * request in logs and answers; it grants nothing, so it needs no CSPRNG, and
 * {@link UUID#randomUUID()}'s shared {@code SecureRandom} was a lock every request queued on
 * (issue 7's profile).
 */
final class RequestIds {

    private RequestIds() {}

    static String next() {
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }
}
