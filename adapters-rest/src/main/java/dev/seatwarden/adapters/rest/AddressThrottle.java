package dev.seatwarden.adapters.rest;

import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Counts events per remote address in a sliding window, in memory, per process: while {@code limit}
 * or more lie in the window ending now (an event at {@code t} lies in it while {@code now - window <
 * t}), the address is refused until the count drops below the limit. Memory stays bounded: each
 * address keeps only its newest {@code limit} events, and at most {@code maxAddresses} addresses are
 * tracked (the least recently seen is forgotten first).
 */
final class AddressThrottle {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final int maxAddresses;
    private final LinkedHashMap<String, ArrayDeque<Instant>> events = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * No address is refused from this moment on unless more events are recorded: the latest moment
     * at which an address that reached the limit sees its oldest kept event leave the window. Lets
     * {@link #refusedUntil} answer without the lock while nobody is near the limit (issue 7: every
     * verification asks).
     */
    private volatile Instant quietFrom = Instant.MIN;

    AddressThrottle(int limit, Duration window, Clock clock, int maxAddresses) {
        if (limit < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("limits are positive");
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAddresses = maxAddresses;
    }

    /** When {@code address} may try again, if it is refused now. */
    Option<Instant> refusedUntil(String address) {
        var now = clock.instant();
        if (!now.isBefore(quietFrom)) {
            return Option.none();
        }
        return refusedUntil(address, now);
    }

    private synchronized Option<Instant> refusedUntil(String address, Instant now) {
        var recent = events.get(address);
        if (recent == null) {
            return Option.none();
        }
        prune(recent, now);
        if (recent.isEmpty()) {
            events.remove(address);
            return Option.none();
        }
        // Only the newest `limit` events are kept, so the oldest kept one is the one whose leaving
        // brings the count below the limit.
        return recent.size() >= limit ? Option.some(recent.peekFirst().plus(window)) : Option.none();
    }

    synchronized void record(String address) {
        var now = clock.instant();
        var recent = events.computeIfAbsent(address, key -> new ArrayDeque<>());
        prune(recent, now);
        recent.addLast(now);
        while (recent.size() > limit) {
            recent.removeFirst();
        }
        if (recent.size() >= limit) {
            var until = recent.peekFirst().plus(window);
            if (until.isAfter(quietFrom)) {
                quietFrom = until;
            }
        }
        // Forget the least recently seen address: constant work per event, even when a client
        // sprays addresses (a scan of the whole table here would cost each request 100 000 steps).
        var eldest = events.keySet().iterator();
        while (events.size() > maxAddresses && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int trackedAddresses() {
        return events.size();
    }

    private void prune(ArrayDeque<Instant> recent, Instant now) {
        var start = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(start)) {
            recent.removeFirst();
        }
    }
}
