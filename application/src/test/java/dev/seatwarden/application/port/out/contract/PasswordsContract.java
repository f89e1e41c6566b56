package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Passwords} must do: a hash saved for an account is found exactly, a second save
 * replaces it, an account without one (or no account) has none, and a unit that fails writes
 * nothing.
 */
public abstract class PasswordsContract {

    private static final PasswordHash FIRST =
            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$Zmlyc3RmaXJzdGZpcnN0Zmlyc3Q");
    private static final PasswordHash SECOND =
            new PasswordHash("$argon2id$v=19$m=65536,t=3,p=4$b3RoZXJzYWx0b3RoZXI$c2Vjb25kc2Vjb25kc2Vjb25kc2Vj");

    private AccessStores stores;
    private Passwords passwords;
    private Account ada;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract AccessStores stores();

    @BeforeEach
    void freshStores() {
        // Given an account, which has no password yet
        stores = stores();
        passwords = stores.passwords();
        ada = stores.givenAccount("ada");
    }

    @Test
    void an_account_without_a_password_and_an_unknown_account_have_none_never_null() {
        assertThat(passwords.find(ada.id())).isNotNull().isEqualTo(Option.none());
        assertThat(passwords.find(new AccountId("acc_nobody"))).isNotNull().isEqualTo(Option.none());
    }

    @Test
    void a_saved_hash_is_found_exactly() {
        // When a hash is saved for the account
        passwords.save(ada.id(), FIRST);

        // Then it is found, exactly as saved
        assertThat(passwords.find(ada.id())).containsExactly(FIRST);
        assertThat(passwords.find(ada.id()).get().encoded()).isEqualTo(FIRST.encoded());
    }

    @Test
    void a_second_save_replaces_the_hash() {
        // Given an account with a password
        passwords.save(ada.id(), FIRST);

        // When another hash is saved for it
        passwords.save(ada.id(), SECOND);

        // Then only the new one is found
        assertThat(passwords.find(ada.id())).containsExactly(SECOND);
    }

    @Test
    void each_account_keeps_its_own_hash() {
        // Given two accounts
        var bob = stores.givenAccount("bob");

        // When each gets a hash, then one of them another
        passwords.save(ada.id(), FIRST);
        passwords.save(bob.id(), FIRST);
        passwords.save(bob.id(), SECOND);

        // Then each has its own
        assertThat(passwords.find(ada.id())).containsExactly(FIRST);
        assertThat(passwords.find(bob.id())).containsExactly(SECOND);
    }

    @Test
    void long_hashes_and_text_beyond_ascii_round_trip() {
        // Given hashes longer than any Argon2id string, and with characters beyond ASCII
        var bob = stores.givenAccount("bob");
        var long_ = new PasswordHash("$argon2id$v=19$m=1,t=1,p=1$" + text("AbCd0123+/", 1000));
        var unicode = new PasswordHash(text(UNICODE, 300));

        // When they are saved
        passwords.save(ada.id(), long_);
        passwords.save(bob.id(), unicode);

        // Then they are found exactly
        assertThat(passwords.find(ada.id()).get().encoded()).isEqualTo(long_.encoded());
        assertThat(passwords.find(bob.id()).get().encoded()).isEqualTo(unicode.encoded());
    }

    @Test
    void a_unit_that_fails_saves_nothing_and_replaces_nothing() {
        // Given an account with a password and one without
        passwords.save(ada.id(), FIRST);
        var bob = stores.givenAccount("bob");

        // When a unit replaces the one and sets the other, then fails
        var failure = new IllegalStateException("the unit failed");
        assertThatThrownBy(() -> stores.transactions().inTransaction(() -> {
                    passwords.save(ada.id(), SECOND);
                    passwords.save(bob.id(), SECOND);
                    throw failure;
                }))
                .isSameAs(failure);

        // Then both are as they were
        assertThat(passwords.find(ada.id())).containsExactly(FIRST);
        assertThat(passwords.find(bob.id())).isEmpty();
    }

    @Test
    void a_unit_reads_its_own_writes_and_commits_them() {
        // When a unit saves a hash and reads it back
        var read = stores.transactions().inTransaction(() -> {
            passwords.save(ada.id(), FIRST);
            return passwords.find(ada.id());
        });

        // Then it saw it, and it is there after the unit
        assertThat(read).containsExactly(FIRST);
        assertThat(passwords.find(ada.id())).containsExactly(FIRST);
    }
}
