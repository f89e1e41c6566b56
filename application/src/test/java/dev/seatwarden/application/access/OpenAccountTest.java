package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Opening an account that signs in with a password: 12 to 1024 code points, saved with the account. */
class OpenAccountTest {

    private final TestAccess app = new TestAccess();

    @Test
    void passwords_of_12_and_of_1024_characters_open_an_account_that_signs_in_with_them() {
        // When accounts are opened with the shortest and the longest passwords allowed
        var shortest = "a".repeat(12);
        var longest = "b".repeat(1024);
        var ada = app.openAccount("ada@example.test", shortest);
        var bob = app.openAccount("bob@example.test", longest);

        // Then both are opened, and each signs in with its password
        assertThat(ada.isRight()).isTrue();
        assertThat(bob.isRight()).isTrue();
        assertThat(app.signIn("ada@example.test", shortest).isRight()).isTrue();
        assertThat(app.signIn("bob@example.test", longest).isRight()).isTrue();
        assertThat(app.signIn("bob@example.test", longest.substring(1)).isLeft())
                .isTrue();
    }

    @Test
    void passwords_of_11_and_of_1025_characters_are_refused_naming_password_and_open_nothing() {
        // When accounts are opened with a password one too short and one too long
        var tooShort = app.openAccount("ada@example.test", "a".repeat(11));
        var tooLong = app.openAccount("bob@example.test", "b".repeat(1025));

        // Then both are refused naming the password, nothing was hashed, and no account exists
        assertRefusedNaming(tooShort, "password");
        assertRefusedNaming(tooLong, "password");
        assertThat(app.hasher.hashes()).isZero();
        assertThat(accounts()).isZero();
    }

    @Test
    void a_missing_or_empty_password_is_refused_naming_password() {
        assertRefusedNaming(app.openAccount("ada@example.test", null), "password");
        assertRefusedNaming(app.openAccount("ada@example.test", ""), "password");
        assertThat(accounts()).isZero();
    }

    @Test
    void the_length_is_counted_in_code_points_not_in_utf_16_units() {
        // Given a character outside the BMP: one code point, two UTF-16 units
        var key = "🔑";
        assertThat(key.length()).isEqualTo(2);

        // When passwords of 12 and 1024 of them, and of 11 and 1025, are tried
        var twelve = app.openAccount("ada@example.test", key.repeat(12));
        var longest = app.openAccount("bob@example.test", key.repeat(1024));
        var eleven = app.openAccount("cy@example.test", key.repeat(11));
        var tooLong = app.openAccount("dee@example.test", key.repeat(1025));

        // Then the first two open accounts (24 and 2048 units), the others are refused
        assertThat(twelve.isRight()).isTrue();
        assertThat(longest.isRight()).isTrue();
        assertRefusedNaming(eleven, "password");
        assertRefusedNaming(tooLong, "password");
        assertThat(app.signIn("ada@example.test", key.repeat(12)).isRight()).isTrue();
    }

    @Test
    void the_password_is_checked_before_the_account() {
        // When an account with a bad address and a short password is opened
        var refused = app.openAccount("not-an-address", "short");

        // Then only the password is named
        assertRefusedNaming(refused, "password");
        assertThat(((Refusal.ValidationFailed) refused.getLeft()).errors())
                .extracting(FieldError::field)
                .containsExactly("password");
    }

    @Test
    void the_accounts_own_checks_refuse_a_duplicate_address_and_the_first_password_stays() {
        // Given an account
        var ada = app.givenAccount("ada@example.test");

        // When another is opened with the same address in another case, and another password
        var other = "another password entirely";
        var refused = app.openAccount("ADA@Example.TEST", other);

        // Then it is refused naming the e-mail, and the first account's password is unchanged
        assertRefusedNaming(refused, "email");
        assertThat(accounts()).isEqualTo(1);
        assertThat(app.signIn("ada@example.test", PASSWORD).get().account().id())
                .isEqualTo(ada.id());
        assertThat(app.signIn("ada@example.test", other).isLeft()).isTrue();
    }

    @Test
    void an_invalid_address_is_refused_naming_email_and_saves_no_password() {
        // When an account with a bad address but a good password is opened
        var refused = app.openAccount("not-an-address", PASSWORD);

        // Then it is refused naming the e-mail, and no account exists
        assertRefusedNaming(refused, "email");
        assertThat(accounts()).isZero();
    }

    @Test
    void the_store_keeps_a_hash_of_the_password_never_the_password() {
        // When an account is opened
        var ada = app.givenAccount("ada@example.test");

        // Then its stored hash is the hasher's, and does not contain the password
        var stored = app.adapters.passwords().find(ada.id()).get();
        assertThat(stored.encoded()).startsWith("test-sha256$").doesNotContain(PASSWORD);
        assertThat(app.hasher.hashes()).isEqualTo(1);
    }

    @Test
    void an_account_made_without_a_password_has_none_and_cannot_sign_in() {
        // Given an account made by the licensing use case, which sets no password
        var made = app.useCases
                .createAccount()
                .createAccount(new CreateAccountUseCase.Command("ada@example.test", Plan.PRO, Option.none()))
                .get();

        // Then it has no password, and signing in is refused as for a wrong password
        assertThat(app.adapters.passwords().find(made.id())).isEmpty();
        assertThat(app.signIn("ada@example.test", PASSWORD).getLeft().code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(app.adapters.accounts().findByEmail(new Email("ada@example.test")))
                .isNotEmpty();
    }

    private int accounts() {
        return app.useCases.listAccounts().listAccounts().size();
    }

    private static void assertRefusedNaming(Either<Refusal, ?> result, String field) {
        assertThat(result.isLeft()).as("refused: %s", result).isTrue();
        assertThat(result.getLeft()).isInstanceOf(Refusal.ValidationFailed.class);
        assertThat(result.getLeft().code()).isEqualTo("VALIDATION_FAILED");
        assertThat(((Refusal.ValidationFailed) result.getLeft()).errors())
                .extracting(FieldError::field)
                .contains(field);
    }
}
