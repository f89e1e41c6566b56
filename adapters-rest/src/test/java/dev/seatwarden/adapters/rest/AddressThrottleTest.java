package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

    private static final Instant START = Instant.parse("2030-01-07T09:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    @Test
    void an_address_is_refused_while_the_limit_lies_in_the_window_and_allowed_exactly_when_one_leaves() {
        // Given a limit of 3 a minute, and events at 0 s, 10 s and 20 s
        var throttle = new AddressThrottle(3, Duration.ofMinutes(1), clock, 100);
        throttle.record("10.0.0.1");
        clock.advance(Duration.ofSeconds(10));
        throttle.record("10.0.0.1");
        assertThat(throttle.refusedUntil("10.0.0.1")).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        throttle.record("10.0.0.1");

        // Then it is refused until the first leaves the window, at 60 s, and allowed at exactly 60 s
        assertThat(throttle.refusedUntil("10.0.0.1")).contains(START.plusSeconds(60));
        assertThat(throttle.refusedUntil("10.0.0.2")).isEmpty();
        clock.set(START.plusSeconds(60).minusNanos(1000));
        assertThat(throttle.refusedUntil("10.0.0.1")).contains(START.plusSeconds(60));
        clock.set(START.plusSeconds(60));
        assertThat(throttle.refusedUntil("10.0.0.1")).isEmpty();
    }

    @Test
    void only_so_many_addresses_are_kept_and_the_least_recently_seen_goes_first() {
        // Given room for 2 addresses, each at its limit of 1
        var throttle = new AddressThrottle(1, Duration.ofHours(1), clock, 2);
        throttle.record("a");
        throttle.record("b");
        assertThat(throttle.refusedUntil("a")).isNotEmpty(); // a seen again: b is now the least recent

        // When a third address comes
        throttle.record("c");

        // Then b is forgotten, a and c are still held
        assertThat(throttle.trackedAddresses()).isEqualTo(2);
        assertThat(throttle.refusedUntil("b")).isEmpty();
        assertThat(throttle.refusedUntil("a")).isNotEmpty();
        assertThat(throttle.refusedUntil("c")).isNotEmpty();
    }
}
