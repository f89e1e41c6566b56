package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.savedOnce;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Accounts} must do: versions checked on save, nothing written by a refused save,
 * e-mail addresses unique and found without regard to case, every field kept exactly.
 *
 * <p>The store is called directly, outside any unit of work; each call then stands on its own.
 */
public abstract class AccountsContract {

    private Accounts accounts;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    @BeforeEach
    void freshStores() {
        accounts = stores().accounts();
    }

    @Test
    void a_new_account_saved_at_version_0_is_found_at_version_1() {
        // Given a new account
        var account = newAccount("ada");

        // When it is saved
        accounts.save(account);

        // Then it is found by id and by e-mail, as saved, at version 1
        assertThat(accounts.findById(account.id())).containsExactly(account.withVersion(1));
        assertThat(accounts.findByEmail(account.email())).containsExactly(account.withVersion(1));
    }

    @Test
    void a_change_saved_at_the_version_it_was_read_at_bumps_the_version() {
        // Given a stored account
        accounts.save(newAccount("ada"));
        var read = accounts.findById(new AccountId("acc_ada")).get();

        // When a change is saved at the version it was read at, twice over
        var changed = with(read, Plan.ENTERPRISE, Subscription.LAPSED, Option.some(3), List.of(at(5)));
        accounts.save(changed);
        var reread = accounts.findById(read.id()).get();
        var changedAgain = with(reread, Plan.STARTER, Subscription.ACTIVE, Option.none(), List.empty());
        accounts.save(changedAgain);

        // Then each save bumps the version and the store answers the latest state
        assertThat(reread).isEqualTo(changed.withVersion(2));
        assertThat(accounts.findById(read.id())).containsExactly(changedAgain.withVersion(3));
        assertThat(accounts.all()).containsExactly(changedAgain.withVersion(3));
    }

    @Test
    void a_change_read_at_a_stale_version_is_refused_and_changes_nothing() {
        // Given two writers that read the same account at version 1
        accounts.save(newAccount("ada"));
        var first = accounts.findById(new AccountId("acc_ada")).get();
        var second = accounts.findById(new AccountId("acc_ada")).get();

        // When the first saves its change
        var firstChange = with(first, Plan.ENTERPRISE, Subscription.ACTIVE, Option.none(), List.empty());
        accounts.save(firstChange);

        // Then the second's change, read at the stale version, is refused
        var secondChange = with(second, Plan.STARTER, Subscription.LAPSED, Option.some(1), List.of(at(7)));
        assertThatThrownBy(() -> accounts.save(secondChange)).isInstanceOf(ConcurrentUpdateException.class);

        // And the first change stands, at version 2
        assertThat(accounts.findById(first.id())).containsExactly(firstChange.withVersion(2));
        assertThat(accounts.all()).containsExactly(firstChange.withVersion(2));
    }

    @Test
    void a_change_at_a_version_the_store_never_had_is_refused_and_changes_nothing() {
        // Given an account stored at version 1
        var stored = savedOnce(newAccount("ada"));
        accounts.save(newAccount("ada"));

        // When a change claims to have been read at a later version, then at a negative one
        var fromTheFuture = with(stored, Plan.ENTERPRISE, Subscription.LAPSED, Option.none(), List.empty());

        // Then both are refused and the account is as stored
        assertThatThrownBy(() -> accounts.save(fromTheFuture.withVersion(2)))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> accounts.save(fromTheFuture.withVersion(-1)))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(accounts.findById(stored.id())).containsExactly(stored);
    }

    @Test
    void a_change_to_an_account_never_stored_is_refused_and_stores_nothing() {
        // Given an empty store and an account that claims to have been read at version 1
        var neverStored = newAccount("ghost").withVersion(1);

        // When it is saved, then it is refused
        assertThatThrownBy(() -> accounts.save(neverStored)).isInstanceOf(ConcurrentUpdateException.class);

        // And nothing was stored
        assertThat(accounts.findById(neverStored.id())).isEmpty();
        assertThat(accounts.findByEmail(neverStored.email())).isEmpty();
        assertThat(accounts.all()).isEmpty();
    }

    @Test
    void a_new_account_whose_id_is_taken_is_refused_and_changes_nothing() {
        // Given a stored account
        var stored = newAccount("ada");
        accounts.save(stored);

        // When a new account with the same id but another e-mail is saved
        var intruder = new Account(
                stored.id(),
                new Email("someone.else@example.test"),
                Plan.ENTERPRISE,
                Subscription.LAPSED,
                Option.some(9),
                List.of(at(1)),
                at(99),
                0);

        // Then it is refused, and the store still holds the first one only
        assertThatThrownBy(() -> accounts.save(intruder)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(accounts.findById(stored.id())).containsExactly(stored.withVersion(1));
        assertThat(accounts.findByEmail(intruder.email())).isEmpty();
        assertThat(accounts.all()).containsExactly(stored.withVersion(1));
    }

    @Test
    void an_unknown_account_is_none_never_null() {
        // Given a store with one account
        accounts.save(newAccount("ada"));

        // When an unknown id or e-mail is looked up, then the answer is none
        assertThat(accounts.findById(new AccountId("acc_nobody"))).isNotNull().isEqualTo(Option.none());
        assertThat(accounts.findByEmail(new Email("nobody@example.test")))
                .isNotNull()
                .isEqualTo(Option.none());
    }

    @Test
    void an_empty_store_lists_no_accounts() {
        assertThat(accounts.all()).isNotNull().isEmpty();
    }

    @Test
    void find_by_email_ignores_case_and_the_address_is_kept_as_given() {
        // Given an account whose address is in mixed case
        var mixed = withEmail(newAccount("ada"), "Ada.Lovelace@Example.Test");
        accounts.save(mixed);

        // When it is looked up in lower and in upper case
        var lower = accounts.findByEmail(new Email("ada.lovelace@example.test"));
        var upper = accounts.findByEmail(new Email("ADA.LOVELACE@EXAMPLE.TEST"));

        // Then both find it, its address as it was given
        assertThat(lower).containsExactly(mixed.withVersion(1));
        assertThat(upper).containsExactly(mixed.withVersion(1));
        assertThat(lower.get().email().value()).isEqualTo("Ada.Lovelace@Example.Test");
    }

    @Test
    void a_second_account_with_the_same_email_in_another_case_is_refused_and_changes_nothing() {
        // Given an account with a mixed-case address
        var first = withEmail(newAccount("ada"), "Ada@Example.Test");
        accounts.save(first);

        // When another account with the same address in another case is saved
        var second = withEmail(newAccount("impostor"), "ada@example.TEST");

        // Then it is refused, and only the first is stored
        assertThatThrownBy(() -> accounts.save(second)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(accounts.findById(second.id())).isEmpty();
        assertThat(accounts.findByEmail(second.email())).containsExactly(first.withVersion(1));
        assertThat(accounts.all()).containsExactly(first.withVersion(1));
    }

    @Test
    void all_lists_every_account_oldest_first_whatever_the_order_they_were_saved_in() {
        // Given three accounts saved in another order than they were created in
        var oldest = newAccount("oldest", at(1));
        var middle = newAccount("middle", at(2));
        var newest = newAccount("newest", at(1_000_000));
        accounts.save(newest);
        accounts.save(oldest);
        accounts.save(middle);

        // When the oldest is changed afterwards
        var changed = with(savedOnce(oldest), Plan.ENTERPRISE, Subscription.ACTIVE, Option.none(), List.empty());
        accounts.save(changed);

        // Then all lists them oldest first, each in its latest state
        assertThat(accounts.all()).containsExactly(changed.withVersion(2), savedOnce(middle), savedOnce(newest));
    }

    @Test
    void every_field_round_trips_for_every_plan_subscription_and_limit() {
        // Given accounts of every plan and subscription, with and without an override and quota
        // uses (oldest first, as the domain keeps them; two releases may share a moment)
        var limits = List.of(Option.<Integer>none(), Option.some(0), Option.some(1), Option.some(5), Option.some(1000));
        var quotaUses = List.of(
                List.<Instant>empty(),
                List.of(at(10)),
                List.of(at(10), at(10), at(123_457)),
                List.of(at(1), at(999_999), at(86_400_000_001L), at(86_400_000_001L)));
        var all = List.<Account>empty();
        int n = 0;
        for (var plan : Plan.values()) {
            for (var subscription : Subscription.values()) {
                for (var limit : limits) {
                    var name = "a" + n;
                    var account = with(
                            newAccount(name, at(3_000_000L * n + 7)),
                            plan,
                            subscription,
                            limit,
                            quotaUses.get(n % quotaUses.size()));
                    all = all.append(account);
                    n++;
                }
            }
        }

        // When they are saved
        all.forEach(accounts::save);

        // Then each is found exactly as saved, by id and by e-mail, and all lists them all
        for (var account : all) {
            assertThat(accounts.findById(account.id())).containsExactly(account.withVersion(1));
            assertThat(accounts.findByEmail(account.email())).containsExactly(account.withVersion(1));
        }
        assertThat(accounts.all()).containsExactlyElementsOf(all.map(a -> a.withVersion(1)));
    }

    @Test
    void the_longest_address_round_trips() {
        // Given an account whose address is 254 characters, the most R1 allows
        var address = text("Ab1.", 241) + "@example.test";
        var account = withEmail(newAccount("long"), address);
        assertThat(account.email().value()).hasSize(254);

        // When it is saved
        accounts.save(account);

        // Then it is found exactly, by that address in another case too
        assertThat(accounts.findById(account.id())).containsExactly(account.withVersion(1));
        assertThat(accounts.findByEmail(new Email(address.toUpperCase(Locale.ROOT))))
                .containsExactly(account.withVersion(1));
    }

    @Test
    void a_change_writes_every_field_and_a_later_change_can_empty_them_again() {
        // Given a stored account with no override and no quota uses
        var stored = savedOnce(newAccount("ada"));
        accounts.save(newAccount("ada"));

        // When a change sets every changeable field
        var full = with(stored, Plan.ENTERPRISE, Subscription.LAPSED, Option.some(7), List.of(at(11), at(12), at(13)));
        accounts.save(full);

        // Then it is found with every field set
        assertThat(accounts.findById(stored.id())).containsExactly(full.withVersion(2));

        // And when a later change empties them again, the old values are gone
        var emptied = with(full.withVersion(2), Plan.STARTER, Subscription.ACTIVE, Option.none(), List.empty());
        accounts.save(emptied);
        assertThat(accounts.findById(stored.id())).containsExactly(emptied.withVersion(3));
        assertThat(accounts.findById(stored.id()).get().quotaUses()).isEmpty();
    }

    @Test
    void text_beyond_ascii_in_an_address_round_trips() {
        // Given an address with characters from beyond ASCII (R1 only asks for one @)
        var account = withEmail(newAccount("uni"), text(UNICODE, 30) + "@例え.テスト");

        // When it is saved, then it is found exactly
        accounts.save(account);
        assertThat(accounts.findById(account.id())).containsExactly(account.withVersion(1));
        assertThat(accounts.findByEmail(account.email())).containsExactly(account.withVersion(1));
    }

    private static Account withEmail(Account account, String email) {
        return new Account(
                account.id(),
                new Email(email),
                account.plan(),
                account.subscription(),
                account.integrationLimitOverride(),
                account.quotaUses(),
                account.createdAt(),
                account.version());
    }
}
