package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.domain.account.Plan;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Passwords, session ids, CSRF tokens and their hashes never appear in a value's text. */
class NoSecretInToStringTest {

    private final TestAccess app = new TestAccess();

    @Test
    void no_secret_of_signing_in_reaches_a_to_string() {
        // Given an account, a session, and every value that holds one of their secrets
        var ada = app.givenAccount("ada@example.test");
        var signedIn = app.signedIn("ada@example.test");
        var stored = app.stored(signedIn).get();
        var hash = app.adapters.passwords().find(ada.id()).get();
        var secrets = List.of(
                PASSWORD,
                signedIn.sessionId(),
                signedIn.csrfToken(),
                stored.idHash(),
                stored.csrfHash(),
                hash.encoded(),
                hash.encoded().substring(hash.encoded().lastIndexOf('$') + 1));
        var holders = List.<Object>of(
                signedIn,
                stored,
                hash,
                new SignInUseCase.Command("ada@example.test", PASSWORD),
                new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command("ada@example.test", Plan.PRO, Option.none()), PASSWORD),
                new AuthenticateSessionUseCase.Query(
                        Option.some(signedIn.sessionId()), true, Option.some(signedIn.csrfToken())));

        // Then no holder's text contains any of them
        for (var holder : holders) {
            var text = holder.toString();
            for (var secret : secrets) {
                assertThat(text).as(holder.getClass().getName()).doesNotContain(secret);
            }
        }
        assertThat(signedIn.toString()).contains(ada.id().value());
    }
}
