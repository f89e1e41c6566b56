package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.domain.account.AccountId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the jdbi unit of work behaves beyond the out-port contract, the same on both engines: inner
 * units, a unit that goes on after a failed call, failures that are not conflicts, the health check.
 */
abstract class SessionContract {

    protected Database database;

    /** A new, empty database of the engine under test, with a pool of {@code poolSize}. */
    protected abstract Database open(int poolSize);

    /** Called after each test, once its database is closed. */
    protected void cleanUp() {}

    @BeforeEach
    void openDatabase() {
        database = open(2);
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
        cleanUp();
    }

    @Test
    void an_inner_unit_that_throws_is_undone_and_the_outer_unit_goes_on_and_commits() {
        // When an outer unit saves Alice, an inner unit saves Bob and throws, and the outer goes on
        var failure = new IllegalStateException("inner failed");
        database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("alice"));
            var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
                database.accounts().save(newAccount("bob"));
                throw failure;
            }));
            assertThat(thrown).isSameAs(failure);
            database.accounts().save(newAccount("carol"));
            return null;
        });

        // Then Alice and Carol are stored, Bob is not
        assertThat(database.accounts().all().map(account -> account.id().value()))
                .containsExactlyInAnyOrder("acc_alice", "acc_carol");
    }

    @Test
    void an_inner_unit_that_returns_is_committed_with_the_outer_one() {
        database.transactions().inTransaction(() -> {
            database.transactions().inTransaction(() -> {
                database.accounts().save(newAccount("bob"));
                return null;
            });
            database.accounts().save(newAccount("alice"));
            return null;
        });

        assertThat(database.accounts().all()).hasSize(2);
    }

    @Test
    void a_unit_that_goes_on_after_a_failed_call_is_rolled_back_and_says_so() {
        // Given a stored account
        database.accounts().save(newAccount("alice"));

        // When a unit saves Bob, then a token of an account that does not exist (a database
        // failure), swallows that failure and returns
        var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("bob"));
            catchThrowable(() -> database.tokens().save(newToken(new AccountId("acc_nobody"), 7)));
            return "looks fine";
        }));

        // Then the unit reports the failure instead of its value, and Bob was not stored
        assertThat(thrown)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolled back")
                .hasCauseInstanceOf(DatabaseException.class);
        assertThat(database.accounts().all().map(account -> account.id().value()))
                .containsExactly("acc_alice");
    }

    @Test
    void a_unit_that_swallows_a_conflict_is_rolled_back_as_a_conflict_to_retry() {
        var alice = newAccount("alice");
        database.accounts().save(alice);

        // When a unit's save of a stale Alice conflicts and the unit swallows it
        var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("bob"));
            catchThrowable(() -> database.accounts().save(alice.withVersion(5)));
            return null;
        }));

        // Then the unit reports a conflict (the application's unit of work retries it)
        assertThat(thrown).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(database.accounts().all()).hasSize(1);
    }

    @Test
    void a_failure_that_is_not_a_conflict_is_a_database_exception_naming_the_aggregate_and_no_value() {
        // When a token of an account that does not exist is saved (a foreign key refuses it)
        var token = newToken(new AccountId("acc_nobody"), 7);
        var thrown = catchThrowable(() -> database.tokens().save(token));

        // Then it is a DatabaseException (not a conflict to retry) naming the token, not its values
        assertThat(thrown)
                .isInstanceOf(DatabaseException.class)
                .isNotInstanceOf(ConcurrentUpdateException.class)
                .hasMessageStartingWith(
                        "the database failed on the token " + token.id().value())
                .hasMessageNotContaining(token.secretHash().value())
                .hasMessageNotContaining("acc_nobody");
        assertThat(database.tokens().findById(token.id())).isEmpty();
    }

    @Test
    void the_health_check_answers_up_while_every_pooled_connection_is_busy() throws Exception {
        // Given a pool of one connection, taken (SQLite's units write through a connection of
        // their own, so the pool's is held here directly)
        try (var shared = open(1);
                var held = shared.dataSource().getConnection()) {
            assertThat(held.isValid(1)).isTrue();

            // When the health check runs, then it says the database is up
            assertThat(shared.isUp()).isTrue();
        }
    }

    @Test
    void a_pool_of_one_connection_opens_migrates_and_works() {
        try (var single = open(1)) {
            single.accounts().save(newAccount("solo"));
            assertThat(single.accounts().all()).hasSize(1);
        }
    }

    @Test
    void a_closed_database_is_reported_down() {
        var closing = open(1);
        assertThat(closing.isUp()).isTrue();
        closing.close();
        assertThat(closing.isUp()).isFalse();
        assertThatThrownBy(() -> closing.accounts().all()).isInstanceOf(DatabaseException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
