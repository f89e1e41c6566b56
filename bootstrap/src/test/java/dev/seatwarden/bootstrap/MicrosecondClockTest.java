package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MicrosecondClockTest {

    @Test
    void instants_are_truncated_to_whole_microseconds_and_millis_are_the_base_clocks() {
        // Given a base clock at a moment with nanoseconds
        var base = Clock.fixed(Instant.parse("2030-01-07T09:00:00.123456789Z"), ZoneOffset.UTC);

        // When the microsecond clock reads it
        var clock = MicrosecondClock.of(base);

        // Then the instant keeps whole microseconds, and millis() answers (Clock.tick's would divide by zero)
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T09:00:00.123456Z"));
        assertThat(clock.millis()).isEqualTo(base.millis());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void the_system_clock_answers_millis_and_instants_without_sub_microsecond_digits() {
        var clock = MicrosecondClock.systemUtc();

        long before = System.currentTimeMillis();
        long millis = clock.millis();
        long after = System.currentTimeMillis();

        assertThat(millis).isBetween(before, after);
        assertThat(clock.instant().getNano() % 1000).isZero();
    }
}
