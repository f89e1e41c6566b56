package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On PostgreSQL two units may take sequence numbers in one order and commit in the other. Units
 * appending for one account run side by side; a reader paging newest first by sequence waits for
 * the units that took numbers before it, so that it never sees a later number while an earlier one
 * is still to be committed (and a page's cursor would skip it for good).
 */
class PostgresAuditOrderTest {

    private TestDatabases.PostgresSchema schema;
    private Database database;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean firstCommitted = new AtomicBoolean();

    @BeforeEach
    void open() {
        schema = TestDatabases.PostgresSchema.create();
        database = schema.open();
        database.accounts().save(newAccount("alice"));
    }

    @AfterEach
    void drop() {
        release.countDown();
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void units_appending_for_one_account_do_not_wait_for_each_other() throws Exception {
        var alice = newAccount("alice").id();
        // Given a unit that appended an event for Alice and has not committed yet
        var first = firstUnitHeldOpen(alice);

        // When a second unit appends for Alice, it commits while the first is still open
        append(alice, "second").get(20, TimeUnit.SECONDS);
        assertThat(firstCommitted).isFalse();

        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        assertThat(details(alice)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void a_reader_waits_for_the_unit_that_took_an_earlier_number_and_never_sees_the_later_one_alone() throws Exception {
        var alice = newAccount("alice").id();
        // Given a unit that took the smaller number and has not committed, and one that took the
        // larger number and has
        var first = firstUnitHeldOpen(alice);
        append(alice, "second").get(20, TimeUnit.SECONDS);

        // When a reader lists Alice's events
        var read = CompletableFuture.supplyAsync(() -> details(alice));

        // Then it waits on the account's lock until the first unit has committed
        awaitOneWaitingOnTheLockOf(alice, read);
        assertThat(read).isNotDone();
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        assertThat(read.get(20, TimeUnit.SECONDS)).containsExactly("second", "first");
    }

    @Test
    void the_reader_holds_the_lock_through_its_read_so_a_unit_appending_meanwhile_waits() throws Exception {
        var alice = newAccount("alice").id();
        append(alice, "before").get(20, TimeUnit.SECONDS);
        var log = (JdbiAuditLog) database.auditLog();
        var appendedMeanwhile = new java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>>();

        // Given a reader that holds the account's lock and has not read yet, and a unit that starts
        // appending then
        log.beforePage = () -> {
            log.beforePage = () -> {};
            var meanwhile = append(alice, "meanwhile");
            appendedMeanwhile.set(meanwhile);
            try {
                awaitOneWaitingOnTheLockOf(alice, meanwhile);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        };

        // Then the read does not see that unit's event, which waited for the read to end
        assertThat(details(alice)).containsExactly("before");
        appendedMeanwhile.get().get(20, TimeUnit.SECONDS);
        assertThat(details(alice)).containsExactly("meanwhile", "before");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "alice's event alone",
                "two of alice's events in one unit",
                "alice's and carol's events in one unit"
            })
    void a_unit_waiting_for_a_reader_takes_its_sequence_numbers_only_after_the_wait(String shape) throws Exception {
        var alice = newAccount("alice").id();
        var bob = newAccount("bob");
        var carol = newAccount("carol");
        database.accounts().save(bob);
        database.accounts().save(carol);
        var log = (JdbiAuditLog) database.auditLog();
        var waited = new java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>>();
        var events = switch (shape) {
            case "alice's event alone" -> List.of(event(alice, "waited"));
            case "two of alice's events in one unit" -> List.of(event(alice, "waited"), event(alice, "waited too"));
            default -> List.of(event(alice, "waited"), event(carol.id(), "waited too"));
        };

        // Given a reader of Alice's events that holds her lock, a unit appending for her that waits
        // for it, and meanwhile a unit appending for Bob that commits
        log.beforePage = () -> {
            log.beforePage = () -> {};
            var waiting =
                    CompletableFuture.runAsync(() -> database.transactions().inTransaction(() -> {
                        database.auditLog().append(events);
                        return null;
                    }));
            waited.set(waiting);
            try {
                awaitOneWaitingOnTheLockOf(alice, waiting);
                append(bob.id(), "meanwhile").get(20, TimeUnit.SECONDS);
            } catch (Exception failure) {
                throw new AssertionError(failure);
            }
        };
        assertThat(details(alice)).isEmpty();
        waited.get().get(20, TimeUnit.SECONDS);

        // Then the waiting unit's numbers come after Bob's: it took them after its wait, and a
        // reader that saw Bob's number cannot have missed a smaller one still to be committed
        long meanwhile = sequences(bob.id()).head();
        var waitedNumbers = sequences(alice).appendAll(sequences(carol.id()));
        assertThat(waitedNumbers)
                .hasSize(events.size())
                .allSatisfy(number -> assertThat(number).isGreaterThan(meanwhile));
    }

    @Test
    void a_reader_waits_a_bounded_time_then_is_refused_as_a_conflict() throws Exception {
        var alice = newAccount("alice").id();
        // Given a unit that appended for Alice and stays open longer than the reader's waits
        var first = firstUnitHeldOpen(alice);

        // Then the reader is refused after its attempts (each waits JdbiAuditLog.LOCK_WAIT) instead
        // of holding a connection for as long as the unit stays open
        var read = CompletableFuture.supplyAsync(() -> details(alice));
        assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(dev.seatwarden.application.port.out.ConcurrentUpdateException.class);
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        assertThat(details(alice)).containsExactly("first");
    }

    @Test
    void a_reader_of_another_account_does_not_wait() throws Exception {
        var alice = newAccount("alice").id();
        var bob = newAccount("bob");
        database.accounts().save(bob);
        var first = firstUnitHeldOpen(alice);

        assertThat(CompletableFuture.supplyAsync(() -> details(bob.id())).get(20, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(firstCommitted).isFalse();
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
    }

    /** A unit that appends "first" for the account, then waits for {@link #release} before it commits. */
    private CompletableFuture<Void> firstUnitHeldOpen(AccountId account) throws InterruptedException {
        var appended = new CountDownLatch(1);
        var first = CompletableFuture.runAsync(() -> {
            database.transactions().inTransaction(() -> {
                database.auditLog().append(List.of(event(account, "first")));
                appended.countDown();
                await(release);
                return null;
            });
            firstCommitted.set(true);
        });
        assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private CompletableFuture<Void> append(AccountId account, String detail) {
        return CompletableFuture.runAsync(() -> database.transactions().inTransaction(() -> {
            database.auditLog().append(List.of(event(account, detail)));
            return null;
        }));
    }

    private List<String> details(AccountId account) {
        return database.auditLog()
                .newestFirst(account, 10, Option.none())
                .map(entry -> entry.event().detail().get())
                .toList();
    }

    private List<Long> sequences(AccountId account) {
        return database.auditLog()
                .newestFirst(account, 10, Option.none())
                .map(entry -> entry.sequence())
                .toList();
    }

    /** Waits until a session waits for the account's lock of this schema (nothing else's). */
    private void awaitOneWaitingOnTheLockOf(AccountId account, CompletableFuture<?> waiter)
            throws InterruptedException {
        var jdbi = Jdbi.create(database.dataSource());
        for (int poll = 0; poll < 2_000; poll++) {
            int waiting = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM pg_locks"
                            + " WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1"
                            + " AND ((classid::bigint << 32) | objid::bigint)"
                            + " = hashtextextended(current_schema() || '/' || :account, 0)")
                    .bind("account", account.value())
                    .mapTo(Integer.class)
                    .one());
            if (waiting == 1) {
                return;
            }
            assertThat(waiter)
                    .as("answered without waiting for the account's lock")
                    .isNotDone();
            Thread.sleep(10);
        }
        throw new AssertionError("no session waited for the account's lock");
    }

    private static DomainEvent event(AccountId account, String detail) {
        return DomainEvent.ofAccount(EventType.ACCOUNT_CHANGED, at(1), account, Option.some(detail));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
