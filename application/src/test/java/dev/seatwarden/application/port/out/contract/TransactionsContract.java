package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenSeat;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.hash;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newToken;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.seatwarden.application.port.out.AuditLog.Entry;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@code Transactions} must do together with its stores: a unit of work that returns is
 * committed whole, one that throws leaves every store exactly as it was and its exception reaches
 * the caller, and concurrent units, retried on {@link ConcurrentUpdateException}, lose no update.
 */
public abstract class TransactionsContract {

    private Stores stores;
    private Account alice;
    private Token alicesToken;
    private FreeSeat alicesSeat;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    /** How many threads run units at once in the concurrency test. */
    protected int concurrentThreads() {
        return 8;
    }

    /** How many read-modify-write units each of those threads commits. */
    protected int unitsPerThread() {
        return 200;
    }

    @BeforeEach
    void freshStores() {
        // Given stores that already hold an account, a token with its free seat, and two events
        stores = stores();
        alice = givenAccount(stores, "alice");
        alicesSeat = givenSeat(stores, alice.id(), 1);
        alicesToken = stores.tokens().findById(alicesSeat.token()).get();
        stores.auditLog().append(List.of(event(alice.id(), "before #1"), event(alice.id(), "before #2")));
    }

    @Test
    void work_that_returns_commits_its_writes_to_every_store_and_its_value_comes_back() {
        // Given what the stores hold now
        var before = observe();

        // When a unit writes to every store and returns a value
        var value = new Object();
        var returned = stores.transactions().inTransaction(() -> {
            writeToEveryStore();
            return value;
        });

        // Then the value comes back, the same object
        assertThat(returned).isSameAs(value);

        // And every write is there, in every store
        var after = observe();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.aliceById()).containsExactly(changedAlice().withVersion(2));
        assertThat(after.accounts()).containsExactly(changedAlice().withVersion(2), carol().withVersion(1));
        assertThat(after.carolByEmail()).containsExactly(carol().withVersion(1));
        assertThat(after.tokenById()).containsExactly(revokedToken().withVersion(2));
        assertThat(after.byOldHash()).containsExactly(revokedToken().withVersion(2));
        assertThat(after.byNewHash()).containsExactly(carolsToken().withVersion(1));
        assertThat(after.carolsTokens()).containsExactly(carolsToken().withVersion(1));
        assertThat(after.seat()).containsExactly(assignedSeat().withVersion(2));
        assertThat(after.newSeat()).containsExactly(carolsSeat().withVersion(1));
        assertThat(after.assigned()).containsExactly(assignedSeat().withVersion(2));
        assertThat(after.alicesEvents().map(Entry::event))
                .containsExactly(
                        event(alice.id(), "in unit #2"),
                        event(alice.id(), "in unit #1"),
                        event(alice.id(), "before #2"),
                        event(alice.id(), "before #1"));
        assertThat(after.carolsEvents().map(Entry::event)).containsExactly(event(carol().id(), "in unit #3"));
    }

    @Test
    void a_null_value_comes_back_too() {
        assertThat(stores.transactions().<Object>inTransaction(() -> null)).isNull();
    }

    @Test
    void work_that_throws_after_writing_to_every_store_leaves_every_store_as_it_was() {
        // Given what the stores hold now
        var before = observe();

        // When a unit writes to every store and then fails
        var failure = new IllegalStateException("the work failed");
        var thrown = catchThrowable(() -> stores.transactions().inTransaction(() -> {
            writeToEveryStore();
            throw failure;
        }));

        // Then its exception reaches the caller, and every store holds what it held before
        assertThat(thrown).isSameAs(failure);
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void any_runtime_exception_rolls_the_unit_back() {
        var before = observe();
        for (var failure : List.<RuntimeException>of(
                new NoSuchElementException("Option.get on none"),
                new IllegalArgumentException("bad input"),
                new ConcurrentUpdateException("something"),
                new RuntimeException("anything else") {})) {
            // When a unit writes to every store and then throws this exception
            var thrown = catchThrowable(() -> stores.transactions().inTransaction(() -> {
                writeToEveryStore();
                throw failure;
            }));

            // Then it reaches the caller, and nothing was written
            assertThat(thrown).as(failure.getClass().getName()).isSameAs(failure);
            assertThat(observe()).as(failure.getClass().getName()).isEqualTo(before);
        }
    }

    @Test
    void a_stale_save_in_the_middle_of_a_unit_rolls_back_every_write_before_it() {
        // Given what the stores hold now, and Alice as read before the unit
        var before = observe();
        var staleAlice = alice;

        // When a unit writes to every store, then saves a change of Alice read at her old version
        Supplier<Object> work = () -> {
            writeToEveryStore();
            stores.accounts().save(with(staleAlice, Plan.STARTER, Subscription.LAPSED, Option.none(), List.empty()));
            return "never";
        };

        // Then the conflict reaches the caller, and nothing was written
        assertThatThrownBy(() -> stores.transactions().inTransaction(work))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void a_new_aggregate_refused_in_the_middle_of_a_unit_rolls_back_every_write_before_it() {
        // Given what the stores hold now
        var before = observe();

        // When a unit writes to every store, then saves a new token whose secret hash is taken
        var twin = newToken(alice.id(), new TokenId("tok_twin"), 1, at(77));
        Supplier<Object> work = () -> {
            writeToEveryStore();
            stores.tokens().save(twin);
            return "never";
        };

        // Then the conflict reaches the caller, and nothing was written
        assertThatThrownBy(() -> stores.transactions().inTransaction(work))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(observe()).isEqualTo(before);
        assertThat(stores.tokens().findById(twin.id())).isEmpty();
    }

    @Test
    void a_unit_reads_its_own_writes() {
        // When a unit writes to every store and reads back what it wrote
        var read = stores.transactions().inTransaction(() -> {
            writeToEveryStore();
            return List.of(
                    stores.accounts().findById(alice.id()).get(),
                    stores.accounts().findByEmail(carol().email()).get(),
                    stores.tokens().findBySecretHash(hash(2)).get(),
                    stores.tokens().findById(alicesToken.id()).get(),
                    stores.seats().findByToken(alicesToken.id()).get(),
                    stores.seats().findByToken(carolsToken().id()).get(),
                    stores.auditLog()
                            .newestFirst(carol().id(), 10, Option.none())
                            .head()
                            .event());
        });

        // Then it saw every write
        assertThat(read)
                .containsExactly(
                        changedAlice().withVersion(2),
                        carol().withVersion(1),
                        carolsToken().withVersion(1),
                        revokedToken().withVersion(2),
                        assignedSeat().withVersion(2),
                        carolsSeat().withVersion(1),
                        event(carol().id(), "in unit #3"));
    }

    @Test
    void work_run_again_after_a_rollback_writes_everything_once() {
        // Given a unit that failed after writing to every store
        var failure = new IllegalStateException("first attempt");
        assertThatThrownBy(() -> stores.transactions().inTransaction(() -> {
                    writeToEveryStore();
                    throw failure;
                }))
                .isSameAs(failure);

        // When the same work runs again and returns
        stores.transactions().inTransaction(() -> {
            writeToEveryStore();
            return null;
        });

        // Then every write is there once: the new aggregates at version 1, each event once
        var after = observe();
        assertThat(after.accounts()).containsExactly(changedAlice().withVersion(2), carol().withVersion(1));
        assertThat(after.byNewHash()).containsExactly(carolsToken().withVersion(1));
        assertThat(after.newSeat()).containsExactly(carolsSeat().withVersion(1));
        assertThat(after.alicesEvents()).hasSize(4);
        assertThat(after.carolsEvents()).hasSize(1);
    }

    @Test
    void after_a_rollback_new_events_still_get_larger_sequence_numbers_than_every_committed_one() {
        // Given two committed events, and a unit that appended more and failed
        var highestCommitted = observe().alicesEvents().head().sequence();
        catchThrowable(() -> stores.transactions().inTransaction(() -> {
            stores.auditLog().append(List.of(event(alice.id(), "rolled back #1"), event(alice.id(), "rolled back #2")));
            throw new IllegalStateException("roll back");
        }));

        // When another unit appends an event and returns
        stores.transactions().inTransaction(() -> {
            stores.auditLog().append(List.of(event(alice.id(), "committed")));
            return null;
        });

        // Then it is listed after the committed ones, with a larger sequence number
        var listed = stores.auditLog().newestFirst(alice.id(), 10, Option.none());
        assertThat(listed.map(Entry::event))
                .containsExactly(
                        event(alice.id(), "committed"), event(alice.id(), "before #2"), event(alice.id(), "before #1"));
        assertThat(listed.head().sequence()).isGreaterThan(highestCommitted);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrent_read_modify_write_units_retried_on_conflict_lose_no_update() throws Exception {
        // Given an account with no quota uses, and threads that each append to them many times,
        // every append one unit that reads the account, adds one use and saves it, retried on conflict
        var counter = newAccount("counter");
        stores.accounts().save(counter);
        int threads = concurrentThreads();
        int units = unitsPerThread();
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);

        // When they all run at once
        var running = List.<Future<?>>empty();
        try {
            for (int t = 0; t < threads; t++) {
                running = running.append(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < units; i++) {
                        appendQuotaUse(counter.id());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var thread : running) {
                thread.get(110, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Then every unit's use is there, once, in order, and the account was saved once per unit
        int total = threads * units;
        var stored = stores.accounts().findById(counter.id()).get();
        assertThat(stored.quotaUses())
                .containsExactlyElementsOf(List.range(0, total).map(n -> at(n)));
        assertThat(stored.version()).isEqualTo(1L + total);
    }

    // ---- the unit's writes --------------------------------------------------------------------

    /**
     * Changes Alice, her token and its seat; stores a new account Carol with a token and its seat;
     * appends events of both accounts. Every expected value below is what this writes.
     */
    private void writeToEveryStore() {
        stores.accounts().save(changedAlice());
        stores.accounts().save(carol());
        stores.tokens().save(revokedToken());
        stores.tokens().save(carolsToken());
        stores.seats().save(assignedSeat());
        stores.seats().save(carolsSeat());
        stores.auditLog().append(List.of(event(alice.id(), "in unit #1"), event(alice.id(), "in unit #2")));
        stores.auditLog().append(List.of(event(carol().id(), "in unit #3")));
    }

    private Account changedAlice() {
        return with(alice, Plan.ENTERPRISE, Subscription.LAPSED, Option.some(4), List.of(at(123)));
    }

    private static Account carol() {
        return newAccount("carol", at(2_000_000));
    }

    private Token revokedToken() {
        return alicesToken.revoke(RevocationReason.LEAKED, at(3_000_000)).get().value();
    }

    private static Token carolsToken() {
        return newToken(carol().id(), new TokenId("tok_carol"), 2, at(2_000_001));
    }

    private AssignedSeat assignedSeat() {
        return new AssignedSeat(
                alicesSeat.token(), alice.id(), new MachineId("workstation-A"), at(42), at(43), alicesSeat.version());
    }

    private static FreeSeat carolsSeat() {
        return Seat.of(carolsToken().id(), carol().id());
    }

    private static DomainEvent event(AccountId account, String detail) {
        return DomainEvent.ofAccount(EventType.ACCOUNT_CHANGED, at(9), account, Option.some(detail));
    }

    private void appendQuotaUse(AccountId id) {
        for (int attempt = 1; ; attempt++) {
            try {
                stores.transactions().inTransaction(() -> {
                    var read = stores.accounts().findById(id).get();
                    var uses = read.quotaUses();
                    Instant next = at(uses.size());
                    stores.accounts()
                            .save(with(
                                    read,
                                    read.plan(),
                                    read.subscription(),
                                    read.integrationLimitOverride(),
                                    uses.append(next)));
                    return null;
                });
                return;
            } catch (ConcurrentUpdateException conflict) {
                if (attempt >= 100_000) {
                    throw conflict;
                }
            }
        }
    }

    // ---- what the stores hold -----------------------------------------------------------------

    /** Everything the stores answer about what the test wrote or might have written. */
    private Observed observe() {
        return new Observed(
                stores.accounts().all().toList(),
                stores.accounts().findById(alice.id()),
                stores.accounts().findById(carol().id()),
                stores.accounts().findByEmail(carol().email()),
                stores.tokens().findById(alicesToken.id()),
                stores.tokens().findBySecretHash(hash(1)),
                stores.tokens().findById(carolsToken().id()),
                stores.tokens().findBySecretHash(hash(2)),
                stores.tokens().ofAccount(alice.id()).toList(),
                stores.tokens().ofAccount(carol().id()).toList(),
                stores.seats().findByToken(alicesToken.id()),
                stores.seats().findByToken(carolsToken().id()),
                stores.seats().assigned().toList(),
                stores.auditLog().newestFirst(alice.id(), 100, Option.none()).toList(),
                stores.auditLog().newestFirst(carol().id(), 100, Option.none()).toList());
    }

    private record Observed(
            List<Account> accounts,
            Option<Account> aliceById,
            Option<Account> carolById,
            Option<Account> carolByEmail,
            Option<Token> tokenById,
            Option<Token> byOldHash,
            Option<Token> newTokenById,
            Option<Token> byNewHash,
            List<Token> alicesTokens,
            List<Token> carolsTokens,
            Option<Seat> seat,
            Option<Seat> newSeat,
            List<Seat> assigned,
            List<Entry> alicesEvents,
            List<Entry> carolsEvents) {}
}
