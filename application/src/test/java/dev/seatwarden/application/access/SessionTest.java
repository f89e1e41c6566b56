package dev.seatwarden.application.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.out.StoredSession;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests of a session: who it is, until when, and the CSRF token of state-changing requests. */
class SessionTest {

    private static final Duration IDLE = Duration.ofHours(8);
    private static final Duration MAX_AGE = Duration.ofDays(7);

    private final TestAccess app = new TestAccess();
    private AccountView ada;

    @BeforeEach
    void anAccount() {
        ada = app.givenAccount("ada@example.test");
    }

    @Test
    void a_session_answers_its_account_for_reads_and_for_changes_with_its_csrf_token() {
        // Given a session
        var session = app.signedIn("ada@example.test");

        // Then a read without a CSRF token, and a change with it, are Ada's
        assertThat(TestAccess.outcome(app.read(session))).isEqualTo(ada.id());
        assertThat(TestAccess.outcome(app.change(session, Option.some(session.csrfToken()))))
                .isEqualTo(ada.id());
    }

    @Test
    void a_reloaded_page_gets_the_sessions_own_csrf_token_again_from_its_id() {
        // Given two sessions of Ada's
        var first = app.signedIn("ada@example.test");
        var second = app.signedIn("ada@example.test");

        // Then each session's id gives back the token its sign-in gave, and only that one
        var again = app.access.authenticateSession().csrfTokenOf(first.sessionId());
        assertThat(again).isEqualTo(first.csrfToken());
        assertThat(app.access.authenticateSession().csrfTokenOf(second.sessionId()))
                .isEqualTo(second.csrfToken())
                .isNotEqualTo(again);
        assertThat(TestAccess.outcome(app.change(first, Option.some(again)))).isEqualTo(ada.id());
        assertThat(TestAccess.outcome(app.change(second, Option.some(again))))
                .isEqualTo(new AccessRefusal.CsrfTokenInvalid());
        // and the token is neither the id nor the key the store keeps it under
        assertThat(again)
                .isNotEqualTo(first.sessionId())
                .isNotEqualTo(TestAccess.sha256(first.sessionId()))
                .isNotEqualTo(app.stored(first).get().csrfHash());
    }

    @Test
    void a_session_begun_before_tokens_were_derived_takes_its_own_token_and_the_derived_one() {
        // Given a session stored as sign-in stored them before: a random CSRF token's hash
        var sessionId = "an-older-session-id-of-43-characters-xxxxxx";
        var randomToken = "an-older-random-csrf-token-of-43-characters";
        app.adapters
                .sessions()
                .save(new StoredSession(
                        TestAccess.sha256(sessionId), ada.id(), TestAccess.sha256(randomToken), app.now(), app.now()));

        // Then a change takes the token it was given, and the one GET /v1/account now gives, nothing else
        var derived = app.access.authenticateSession().csrfTokenOf(sessionId);
        assertThat(TestAccess.outcome(app.authenticate(Option.some(sessionId), true, Option.some(randomToken))))
                .isEqualTo(ada.id());
        assertThat(TestAccess.outcome(app.authenticate(Option.some(sessionId), true, Option.some(derived))))
                .isEqualTo(ada.id());
        assertThat(TestAccess.outcome(app.authenticate(Option.some(sessionId), true, Option.some(sessionId))))
                .isEqualTo(new AccessRefusal.CsrfTokenInvalid());
    }

    @Test
    void no_session_an_empty_one_or_an_unknown_one_requires_authentication() {
        // Given a session of Ada's, which makes the store non-empty
        var session = app.signedIn("ada@example.test");
        var required = new AccessRefusal.AuthenticationRequired();

        // Then no cookie, an empty one, null and an unknown one are refused
        assertThat(TestAccess.outcome(app.authenticate(Option.none(), false, Option.none())))
                .isEqualTo(required);
        assertThat(TestAccess.outcome(app.authenticate(Option.some(""), false, Option.none())))
                .isEqualTo(required);
        assertThat(TestAccess.outcome(app.authenticate(null, false, null))).isEqualTo(required);
        assertThat(TestAccess.outcome(app.authenticate(Option.some(session.csrfToken()), false, Option.none())))
                .isEqualTo(required);
        assertThat(TestAccess.outcome(
                        app.authenticate(Option.some(TestAccess.sha256(session.sessionId())), false, Option.none())))
                .isEqualTo(required);
        assertThat(required.code()).isEqualTo("AUTHENTICATION_REQUIRED");
    }

    @Test
    void a_session_ends_at_exactly_8_hours_without_a_request() {
        // Given two sessions begun together, never used
        var probed = app.signedIn("ada@example.test");
        var idle = app.signedIn("ada@example.test");
        var start = app.now();

        // When one is used a nanosecond before 8 hours, and the other at exactly 8 hours
        app.clock.set(start.plus(IDLE).minusNanos(1));
        var justBefore = app.read(probed);
        app.clock.set(start.plus(IDLE));
        var atLimit = app.read(idle);

        // Then the first still answers, the second has ended and is gone from the store
        assertThat(TestAccess.outcome(justBefore)).isEqualTo(ada.id());
        assertThat(TestAccess.outcome(atLimit)).isEqualTo(new AccessRefusal.AuthenticationRequired());
        assertThat(app.stored(idle)).isEmpty();
    }

    @Test
    void idle_time_counts_from_the_last_recorded_request() {
        // Given a session used 2 hours after sign-in
        var session = app.signedIn("ada@example.test");
        var used = app.clock.advance(Duration.ofHours(2));
        assertThat(app.read(session)).isNotEmpty();

        // When it is used 8 hours after sign-in, then 8 hours after that last recorded request
        app.clock.set(used.plus(IDLE).minusNanos(1));
        var stillOn = app.stored(session).get().lastSeenAt();
        assertThat(stillOn).isEqualTo(used);
        assertThat(TestAccess.outcome(app.read(session))).isEqualTo(ada.id());
        app.clock.set(app.now().plus(IDLE));

        // Then it answered 10 hours after sign-in, and ended 8 hours after its last request
        assertThat(TestAccess.outcome(app.read(session))).isEqualTo(new AccessRefusal.AuthenticationRequired());
    }

    @Test
    void a_session_ends_at_exactly_7_days_after_sign_in_even_if_in_use() {
        // Given a session used every hour
        var session = app.signedIn("ada@example.test");
        var start = app.now();
        while (app.now().plus(Duration.ofHours(1)).isBefore(start.plus(MAX_AGE))) {
            app.clock.advance(Duration.ofHours(1));
            assertThat(app.read(session)).as("at %s", app.now()).containsExactly(ada.id());
        }

        // When it is used a nanosecond before 7 days, and at exactly 7 days
        app.clock.set(start.plus(MAX_AGE).minusNanos(1));
        var justBefore = app.read(session);
        app.clock.set(start.plus(MAX_AGE));
        var atLimit = app.read(session);

        // Then it answers the first time and has ended the second
        assertThat(TestAccess.outcome(justBefore)).isEqualTo(ada.id());
        assertThat(TestAccess.outcome(atLimit)).isEqualTo(new AccessRefusal.AuthenticationRequired());
        assertThat(app.stored(session)).isEmpty();
    }

    @Test
    void activity_is_recorded_only_when_the_recorded_one_is_at_least_60_seconds_old() {
        // Given a session begun now
        var session = app.signedIn("ada@example.test");
        var start = app.now();

        // When it is used 59.999999999 seconds later, then its record is unchanged
        app.clock.set(start.plusSeconds(60).minusNanos(1));
        assertThat(app.read(session)).isNotEmpty();
        assertThat(app.stored(session).get().lastSeenAt()).isEqualTo(start);

        // When it is used at exactly 60 seconds, then that request is recorded
        app.clock.set(start.plusSeconds(60));
        assertThat(app.read(session)).isNotEmpty();
        assertThat(app.stored(session).get().lastSeenAt()).isEqualTo(start.plusSeconds(60));

        // And a change 30 seconds after that is not, but one 90 seconds after it is
        app.clock.advance(Duration.ofSeconds(30));
        assertThat(app.change(session, Option.some(session.csrfToken()))).isNotEmpty();
        assertThat(app.stored(session).get().lastSeenAt()).isEqualTo(start.plusSeconds(60));
        app.clock.advance(Duration.ofSeconds(60));
        assertThat(app.change(session, Option.some(session.csrfToken()))).isNotEmpty();
        assertThat(app.stored(session).get().lastSeenAt()).isEqualTo(start.plusSeconds(150));

        // And the sign-in moment never moves
        assertThat(app.stored(session).get().signedInAt()).isEqualTo(start);
    }

    @Test
    void sign_out_ends_the_session_and_only_that_one() {
        // Given two sessions
        var leaving = app.signedIn("ada@example.test");
        var staying = app.signedIn("ada@example.test");

        // When one signs out
        app.access.signOut().signOut(leaving.sessionId());

        // Then it requires authentication again, is gone from the store; the other still answers
        assertThat(TestAccess.outcome(app.read(leaving))).isEqualTo(new AccessRefusal.AuthenticationRequired());
        assertThat(app.stored(leaving)).isEmpty();
        assertThat(TestAccess.outcome(app.read(staying))).isEqualTo(ada.id());
    }

    @Test
    void signing_out_an_unknown_ended_empty_or_missing_session_is_no_error() {
        var session = app.signedIn("ada@example.test");
        app.access.signOut().signOut(session.sessionId());

        app.access.signOut().signOut(session.sessionId());
        app.access.signOut().signOut("no-such-session");
        app.access.signOut().signOut("");
        app.access.signOut().signOut(null);

        assertThat(TestAccess.outcome(app.read(session))).isEqualTo(new AccessRefusal.AuthenticationRequired());
    }

    @Test
    void a_change_without_the_sessions_csrf_token_is_refused_and_a_read_needs_none() {
        // Given two sessions
        var session = app.signedIn("ada@example.test");
        var other = app.signedIn("ada@example.test");
        var invalid = new AccessRefusal.CsrfTokenInvalid();

        // Then a change with no token, an empty one, a wrong one, another session's, or the
        // session id itself is refused
        assertThat(TestAccess.outcome(app.change(session, Option.none()))).isEqualTo(invalid);
        assertThat(TestAccess.outcome(app.change(session, Option.some("")))).isEqualTo(invalid);
        assertThat(TestAccess.outcome(app.change(session, Option.some("wrong"))))
                .isEqualTo(invalid);
        assertThat(TestAccess.outcome(app.change(session, Option.some(other.csrfToken()))))
                .isEqualTo(invalid);
        assertThat(TestAccess.outcome(app.change(session, Option.some(session.sessionId()))))
                .isEqualTo(invalid);
        assertThat(TestAccess.outcome(app.change(session, Option.some(TestAccess.sha256(session.csrfToken())))))
                .isEqualTo(invalid);
        assertThat(invalid.code()).isEqualTo("CSRF_TOKEN_INVALID");

        // And a read with no token, or a wrong one, is the session's
        assertThat(TestAccess.outcome(app.read(session))).isEqualTo(ada.id());
        assertThat(TestAccess.outcome(app.authenticate(Option.some(session.sessionId()), false, Option.some("wrong"))))
                .isEqualTo(ada.id());
    }

    @Test
    void authentication_required_comes_before_csrf_token_invalid() {
        // Given a session that has ended
        var ended = app.signedIn("ada@example.test");
        app.clock.advance(IDLE);

        // Then a change without a token, of an unknown, missing or ended session, requires authentication
        var required = new AccessRefusal.AuthenticationRequired();
        assertThat(TestAccess.outcome(app.authenticate(Option.some("unknown"), true, Option.none())))
                .isEqualTo(required);
        assertThat(TestAccess.outcome(app.authenticate(Option.none(), true, Option.some("wrong"))))
                .isEqualTo(required);
        assertThat(TestAccess.outcome(app.change(ended, Option.none()))).isEqualTo(required);
    }
}
