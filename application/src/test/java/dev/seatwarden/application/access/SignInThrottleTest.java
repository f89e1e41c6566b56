package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccessRefusal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-in throttle: 5 failures of an address within 15 minutes stop its sign-ins for a while. */
class SignInThrottleTest {

    private static final String WRONG = "not the password";

    private final TestAccess app = new TestAccess();

    @BeforeEach
    void anAccount() {
        app.givenAccount("ada@example.test");
        app.givenAccount("bob@example.test");
    }

    @Test
    void a_sixth_attempt_after_five_failures_within_15_minutes_is_refused_even_with_the_right_password() {
        // Given five failures, one a minute
        var first = app.now();
        failTimes("ada@example.test", 5, Duration.ofMinutes(1));

        // When Ada tries her right password a minute later
        app.clock.advance(Duration.ofMinutes(1));
        int checksBefore = app.hasher.matchesCalls();
        var refused = app.signIn("ada@example.test", PASSWORD);

        // Then it is refused: too many attempts, retry when the first failure leaves the window;
        // the password was not even checked
        assertThat(refused.getLeft()).isEqualTo(new AccessRefusal.TooManyAttempts(first.plus(Duration.ofMinutes(15))));
        assertThat(refused.getLeft().code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(app.hasher.matchesCalls()).isEqualTo(checksBefore);
    }

    @Test
    void retry_at_is_the_fifth_most_recent_failure_plus_15_minutes() {
        // Given failures at 0, 1, 2, 3 and 4 minutes, then the throttle lifted and one more at 15
        var start = app.now();
        failTimes("ada@example.test", 5, Duration.ofMinutes(1));
        app.clock.set(start.plus(Duration.ofMinutes(15)));
        assertThat(app.signIn("ada@example.test", WRONG).getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());

        // When Ada tries again at 15 minutes and 1 second
        app.clock.advance(Duration.ofSeconds(1));
        var refused = app.signIn("ada@example.test", PASSWORD);

        // Then the fifth most recent failure is the one at 1 minute: retry at 16 minutes
        assertThat(refused.getLeft()).isEqualTo(new AccessRefusal.TooManyAttempts(start.plus(Duration.ofMinutes(16))));
    }

    @Test
    void sign_in_is_allowed_again_exactly_at_retry_at_and_not_a_nanosecond_before() {
        // Given five failures and the moment the throttle names
        failTimes("ada@example.test", 5, Duration.ofSeconds(10));
        var retryAt = ((AccessRefusal.TooManyAttempts)
                        app.signIn("ada@example.test", PASSWORD).getLeft())
                .retryAt();

        // When Ada tries a nanosecond before it, then exactly at it
        app.clock.set(retryAt.minusNanos(1));
        var before = app.signIn("ada@example.test", PASSWORD);
        app.clock.set(retryAt);
        var at = app.signIn("ada@example.test", PASSWORD);

        // Then the first is refused, the second signs her in
        assertThat(before.getLeft()).isEqualTo(new AccessRefusal.TooManyAttempts(retryAt));
        assertThat(at.isRight()).isTrue();
    }

    @Test
    void refused_attempts_do_not_count_as_failures() {
        // Given five failures at 0..4 minutes, then many throttled attempts with the wrong password
        var start = app.now();
        failTimes("ada@example.test", 5, Duration.ofMinutes(1));
        for (int i = 0; i < 20; i++) {
            app.clock.advance(Duration.ofSeconds(30));
            assertThat(app.signIn("ada@example.test", WRONG).getLeft())
                    .isInstanceOf(AccessRefusal.TooManyAttempts.class);
        }

        // When the throttle lifts at 15 minutes
        app.clock.set(start.plus(Duration.ofMinutes(15)));
        var attempt = app.signIn("ada@example.test", WRONG);

        // Then the attempt is checked (and fails), and only the five real failures were kept besides it
        assertThat(attempt.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        assertThat(app.failuresOf("ada@example.test")).isEqualTo(6);
    }

    @Test
    void a_success_clears_the_count() {
        // Given four failures, then a success
        failTimes("ada@example.test", 4, Duration.ofSeconds(1));
        app.signedIn("ada@example.test");

        // When Ada fails four more times within the same minute
        failTimes("ada@example.test", 4, Duration.ofSeconds(1));

        // Then she still signs in: only four failures count
        assertThat(app.signIn("ada@example.test", PASSWORD).isRight()).isTrue();
    }

    @Test
    void four_failures_do_not_throttle_and_failures_older_than_15_minutes_do_not_count() {
        // Given four failures, a minute apart
        var start = app.now();
        failTimes("ada@example.test", 4, Duration.ofMinutes(1));

        // Then the fifth attempt is checked
        assertThat(app.signIn("ada@example.test", WRONG).getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());

        // And 15 minutes after the first, that first has left the window: four count again
        app.clock.set(start.plus(Duration.ofMinutes(15)));
        assertThat(app.signIn("ada@example.test", PASSWORD).isRight()).isTrue();
    }

    @Test
    void the_throttle_is_per_address_without_regard_to_case() {
        // Given five failures under one address in different cases
        var spellings = new String[] {
            "ada@example.test", "ADA@example.test", "Ada@Example.Test", "ada@EXAMPLE.TEST", " ada@example.test "
        };
        for (var spelling : spellings) {
            app.signIn(spelling, WRONG);
        }

        // Then that address is throttled in any case, and another address is not
        assertThat(app.signIn("ada@example.test", PASSWORD).getLeft().code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(app.signIn("aDa@example.TEST", PASSWORD).getLeft().code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(app.signIn("bob@example.test", PASSWORD).isRight()).isTrue();
    }

    @Test
    void an_unknown_address_is_throttled_like_a_known_one() {
        // Given five failures for an address no account has
        failTimes("nobody@example.test", 5, Duration.ZERO);

        // Then the sixth is refused as too many attempts, retry 15 minutes after the first
        assertThat(app.signIn("nobody@example.test", PASSWORD).getLeft())
                .isEqualTo(new AccessRefusal.TooManyAttempts(app.now().plus(Duration.ofMinutes(15))));
    }

    /** {@code count} failed sign-ins of {@code email}, {@code gap} apart; the clock stays at the last. */
    private Instant failTimes(String email, int count, Duration gap) {
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                app.clock.advance(gap);
            }
            assertThat(app.signIn(email, WRONG).getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        }
        return app.now();
    }
}
