package dev.seatwarden.application.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccessRefusal;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Purging: what has ended goes, what is still in force stays. */
class PurgeSessionsTest {

    private final TestAccess app = new TestAccess();

    @Test
    void purge_deletes_ended_sessions_and_old_failures_only() {
        // Given an account and, from a week ago on: a session that has reached its maximum age
        // though used every few hours, one idle for more than 8 hours, and one in use
        var ada = app.givenAccount("ada@example.test");
        var start = app.now();
        var weekLater = start.plus(Duration.ofDays(7));
        var tooOld = app.signedIn("ada@example.test");
        while (app.now().plus(Duration.ofHours(4)).isBefore(weekLater.minus(Duration.ofHours(9)))) {
            app.clock.advance(Duration.ofHours(4));
            assertThat(app.read(tooOld)).isNotEmpty();
        }
        app.clock.set(weekLater.minus(Duration.ofHours(9)));
        assertThat(app.read(tooOld)).isNotEmpty();
        var idle = app.signedIn("ada@example.test");
        var live = app.signedIn("ada@example.test");
        app.clock.set(weekLater.minus(Duration.ofHours(2)));
        assertThat(app.read(tooOld)).isNotEmpty();
        assertThat(app.read(live)).isNotEmpty();

        // And a failure 16 minutes ago and one 14 minutes ago, of different addresses
        var now = weekLater.plusSeconds(1);
        app.clock.set(now.minus(Duration.ofMinutes(16)));
        app.signIn("old@example.test", "a wrong password");
        app.clock.set(now.minus(Duration.ofMinutes(14)));
        app.signIn("recent@example.test", "a wrong password");
        app.clock.set(now);

        // When the ended ones are purged
        int purged = app.access.purgeSessions().purge();

        // Then two sessions and one failure went; the live session and the recent failure stayed
        assertThat(purged).isEqualTo(3);
        assertThat(app.stored(tooOld)).isEmpty();
        assertThat(app.stored(idle)).isEmpty();
        assertThat(app.stored(live)).isNotEmpty();
        assertThat(TestAccess.outcome(app.read(live))).isEqualTo(ada.id());
        assertThat(app.failuresOf("old@example.test")).isZero();
        assertThat(app.failuresOf("recent@example.test")).isEqualTo(1);

        // And purging again finds nothing more
        assertThat(app.access.purgeSessions().purge()).isZero();
    }

    @Test
    void purging_changes_no_answer() {
        // Given a live session and four recent failures of one address
        app.givenAccount("ada@example.test");
        var live = app.signedIn("ada@example.test");
        for (int i = 0; i < 4; i++) {
            app.signIn("ada@example.test", "a wrong password");
        }
        app.clock.advance(Duration.ofMinutes(1));

        // When purged
        assertThat(app.access.purgeSessions().purge()).isZero();

        // Then the session still answers, and the fifth failure still throttles
        assertThat(app.change(live, Option.some(live.csrfToken()))).isNotEmpty();
        app.signIn("ada@example.test", "a wrong password");
        assertThat(app.signIn("ada@example.test", TestAccess.PASSWORD).getLeft())
                .isInstanceOf(AccessRefusal.TooManyAttempts.class);
    }
}
