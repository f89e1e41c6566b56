package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.testing.Seeds;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The throttle and the session limits for every timing: each answer is what a simple model of the
 * rules says, whatever the gaps between attempts or requests.
 */
class SignInThrottleProperties {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int LIMIT = 5;

    @Test
    void
            every_wrong_attempt_is_refused_as_the_throttle_model_says_with_retry_at_the_fifth_most_recent_plus_15_minutes() {
        // For all sequences of wrong attempts, gaps from 0 to 7 minutes, to the nanosecond
        Seeds.qt()
                .withExamples(150)
                .forAll(lists().of(longs().between(0, Duration.ofMinutes(7).toNanos()))
                        .ofSizeBetween(1, 40))
                .checkAssert(gaps -> {
                    var app = new TestAccess();
                    app.givenAccount("ada@example.test");
                    var recorded = List.<Instant>empty();
                    for (long gap : gaps) {
                        app.clock.advance(Duration.ofNanos(gap));
                        var now = app.now();
                        // the model: failures strictly inside the window ending now
                        var inWindow = recorded.filter(f -> f.isAfter(now.minus(WINDOW)));
                        var answer = app.signIn("ADA@example.test", "a wrong password");
                        if (inWindow.size() >= LIMIT) {
                            var fifthMostRecent = inWindow.sorted().reverse().get(LIMIT - 1);
                            assertThat(answer.getLeft())
                                    .isEqualTo(new AccessRefusal.TooManyAttempts(fifthMostRecent.plus(WINDOW)));
                        } else {
                            assertThat(answer.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
                            recorded = recorded.append(now);
                        }
                    }
                });
    }

    @Test
    void the_right_password_is_refused_until_retry_at_and_accepted_from_it() {
        // For all five-or-more failures within the window, gaps to the nanosecond
        Seeds.qt()
                .withExamples(150)
                .forAll(
                        lists().of(longs().between(0, Duration.ofMinutes(3).toNanos()))
                                .ofSizeBetween(LIMIT, LIMIT + 3),
                        longs().between(1, Duration.ofMinutes(15).toNanos()))
                .checkAssert((gaps, probe) -> {
                    var app = new TestAccess();
                    app.givenAccount("ada@example.test");
                    var failures = List.<Instant>empty();
                    for (long gap : gaps) {
                        app.clock.advance(Duration.ofNanos(gap));
                        var answer = app.signIn("ada@example.test", "a wrong password");
                        if (answer.getLeft() instanceof AccessRefusal.InvalidCredentials) {
                            failures = failures.append(app.now());
                        }
                    }
                    // the throttle holds now; retryAt is the fifth most recent failure plus the window
                    var retryAt = failures.reverse().get(LIMIT - 1).plus(WINDOW);
                    var probeAt = retryAt.minusNanos(probe);
                    if (probeAt.isAfter(app.now())) {
                        app.clock.set(probeAt);
                        assertThat(app.signIn("ada@example.test", PASSWORD).getLeft())
                                .isEqualTo(new AccessRefusal.TooManyAttempts(retryAt));
                    }
                    app.clock.set(retryAt);
                    assertThat(app.signIn("ada@example.test", PASSWORD).isRight())
                            .isTrue();
                });
    }

    @Test
    void a_session_answers_exactly_while_its_recorded_activity_and_its_sign_in_are_within_their_limits() {
        // For all sequences of request gaps, from a second to 9 hours
        Seeds.qt()
                .withExamples(100)
                .forAll(lists().of(integers().between(1, 9 * 3600)).ofSizeBetween(1, 60))
                .checkAssert(gaps -> {
                    var app = new TestAccess();
                    AccountView ada = app.givenAccount("ada@example.test");
                    var session = app.signedIn("ada@example.test");
                    var signedInAt = app.now();
                    var recorded = signedInAt;
                    boolean ended = false;
                    for (int gap : gaps) {
                        var now = app.clock.advance(Duration.ofSeconds(gap));
                        ended = ended
                                || !recorded.plus(Duration.ofHours(8)).isAfter(now)
                                || !signedInAt.plus(Duration.ofDays(7)).isAfter(now);
                        var answer = app.read(session);
                        if (ended) {
                            assertThat(TestAccess.outcome(answer))
                                    .isEqualTo(new AccessRefusal.AuthenticationRequired());
                            assertThat(app.stored(session)).isEmpty();
                        } else {
                            assertThat(TestAccess.outcome(answer)).isEqualTo(ada.id());
                            if (!recorded.plus(Duration.ofSeconds(60)).isAfter(now)) {
                                recorded = now;
                            }
                            assertThat(app.stored(session).map(s -> s.lastSeenAt()))
                                    .isEqualTo(Option.some(recorded));
                        }
                    }
                });
    }
}
