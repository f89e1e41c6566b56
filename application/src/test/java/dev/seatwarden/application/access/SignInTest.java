package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static dev.seatwarden.application.access.TestAccess.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in: a session and a CSRF token for the right password; the same refusal for everything else. */
class SignInTest {

    private final TestAccess app = new TestAccess();

    @BeforeEach
    void anAccount() {
        // Given an account with a password
        app.givenAccount("ada@example.test");
    }

    @Test
    void the_right_password_opens_a_session_with_a_csrf_token_and_answers_the_account() {
        // When Ada signs in with her password
        var signedIn = app.signIn("ada@example.test", PASSWORD);

        // Then she gets a session id and a CSRF token, distinct and long, and her account as the
        // licensing use cases show it
        assertThat(signedIn.isRight()).isTrue();
        var session = signedIn.get();
        assertThat(session.sessionId()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.csrfToken());
        assertThat(session.csrfToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(session.account())
                .isEqualTo(app.useCases
                        .getAccount()
                        .getAccount(
                                new GetAccountUseCase.Query(session.account().id()))
                        .get());
        assertThat(session.account().email()).isEqualTo("ada@example.test");

        // And the store keeps the session under hashes of both values, begun and last seen now
        var stored = app.stored(session).get();
        assertThat(stored.idHash()).isEqualTo(sha256(session.sessionId())).isNotEqualTo(session.sessionId());
        assertThat(stored.csrfHash()).isEqualTo(sha256(session.csrfToken()));
        assertThat(stored.account()).isEqualTo(session.account().id());
        assertThat(stored.signedInAt()).isEqualTo(app.now());
        assertThat(stored.lastSeenAt()).isEqualTo(app.now());
    }

    @Test
    void each_sign_in_opens_a_session_of_its_own() {
        // When Ada signs in twice
        var first = app.signedIn("ada@example.test");
        var second = app.signedIn("ada@example.test");

        // Then the two sessions differ and both are valid
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(second.csrfToken()).isNotEqualTo(first.csrfToken());
        assertThat(app.read(first).isRight()).isTrue();
        assertThat(app.read(second).isRight()).isTrue();
    }

    @Test
    void the_address_is_matched_in_any_case_and_without_surrounding_spaces() {
        assertThat(app.signIn("ADA@Example.Test", PASSWORD).isRight()).isTrue();
        assertThat(app.signIn("  ada@EXAMPLE.test ", PASSWORD).isRight()).isTrue();
    }

    @Test
    void a_wrong_password_is_refused_as_invalid_credentials_after_one_password_check() {
        // When Ada signs in with a wrong password
        int before = app.hasher.matchesCalls();
        var refused = app.signIn("ada@example.test", PASSWORD + "!");

        // Then it is refused as invalid credentials, after exactly one check of the password
        assertThat(refused.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        assertThat(refused.getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(app.hasher.matchesCalls() - before).isEqualTo(1);
        assertThat(app.adapters
                        .sessions()
                        .deleteEnded(app.now().plusSeconds(1), app.now().plusSeconds(1)))
                .isZero();
    }

    @Test
    void an_unknown_address_gets_the_same_answer_after_the_same_password_check() {
        // When someone signs in with an address no account has, twice
        int before = app.hasher.matchesCalls();
        var first = app.signIn("nobody@example.test", PASSWORD);
        int afterFirst = app.hasher.matchesCalls();
        var second = app.signIn("nobody@example.test", PASSWORD);

        // Then both are refused exactly as a wrong password is, each after exactly one check
        assertThat(first.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        assertThat(second.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        assertThat(afterFirst - before).isEqualTo(1);
        assertThat(app.hasher.matchesCalls() - afterFirst).isEqualTo(1);
    }

    @Test
    void an_address_that_is_no_address_or_missing_values_are_invalid_credentials_too() {
        assertThat(app.signIn("not-an-address", PASSWORD).getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(app.signIn(null, PASSWORD).getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(app.signIn("ada@example.test", null).getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(app.signIn("ada@example.test", "").getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void a_failure_is_recorded_for_the_address_and_a_success_is_not() {
        // When Ada fails once, then succeeds... and someone fails for an unknown address
        app.signIn("ada@example.test", "wrong password!");
        assertThat(app.failuresOf("ada@example.test")).isEqualTo(1);
        app.signIn("nobody@example.test", "wrong password!");

        // Then each failure is kept under its address's key, and a success forgets Ada's
        assertThat(app.failuresOf("nobody@example.test")).isEqualTo(1);
        app.signedIn("ada@example.test");
        assertThat(app.failuresOf("ada@example.test")).isZero();
        assertThat(app.failuresOf("nobody@example.test")).isEqualTo(1);
    }
}
