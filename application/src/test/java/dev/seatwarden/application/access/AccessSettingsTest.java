package dev.seatwarden.application.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.service.AccessSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

    private static final Duration H8 = Duration.ofHours(8);
    private static final Duration D7 = Duration.ofDays(7);
    private static final Duration S60 = Duration.ofSeconds(60);
    private static final Duration M15 = Duration.ofMinutes(15);

    @Test
    void the_defaults_are_the_specifications_numbers() {
        assertThat(AccessSettings.defaults()).isEqualTo(new AccessSettings(H8, D7, S60, 5, M15, 12, 1024));
    }

    @Test
    void the_smallest_settings_that_make_sense_are_accepted() {
        // one nanosecond of every duration, no granularity, one failure, one-character passwords only
        var tiny = Duration.ofNanos(1);
        var settings = new AccessSettings(tiny, tiny, Duration.ZERO, 1, tiny, 1, 1);

        assertThat(settings.maxPasswordLength()).isEqualTo(settings.minPasswordLength());
        assertThat(new AccessSettings(H8, D7, H8.minusNanos(1), 5, M15, 12, 1024).activityGranularity())
                .isEqualTo(H8.minusNanos(1));
    }

    @Test
    void durations_that_are_not_positive_are_refused() {
        for (var bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertRefused(new Settings(bad, D7, S60, 5, M15, 12, 1024));
            assertRefused(new Settings(H8, bad, S60, 5, M15, 12, 1024));
            assertRefused(new Settings(H8, D7, S60, 5, bad, 12, 1024));
        }
    }

    @Test
    void the_activity_granularity_is_not_negative_and_shorter_than_the_idle_timeout() {
        assertRefused(new Settings(H8, D7, Duration.ofNanos(-1), 5, M15, 12, 1024));
        assertRefused(new Settings(H8, D7, H8, 5, M15, 12, 1024));
    }

    @Test
    void limits_are_positive_and_the_password_range_is_not_empty() {
        assertRefused(new Settings(H8, D7, S60, 0, M15, 12, 1024));
        assertRefused(new Settings(H8, D7, S60, 5, M15, 0, 1024));
        assertRefused(new Settings(H8, D7, S60, 5, M15, 12, 11));
    }

    private record Settings(
            Duration idle, Duration maxAge, Duration granularity, int failures, Duration window, int min, int max) {}

    private static void assertRefused(Settings s) {
        assertThatThrownBy(
                        () -> new AccessSettings(s.idle, s.maxAge, s.granularity, s.failures, s.window, s.min, s.max))
                .as(s.toString())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
