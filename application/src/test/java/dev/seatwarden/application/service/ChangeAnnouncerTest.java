package dev.seatwarden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.port.out.contract.ContractFixtures;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changes are announced to the verification cache once the unit that made them has ended, even
 * when the unit's work runs on another thread than the one that asked for it (as SQLite's writer
 * runs the units waiting for it: issue 7).
 */
class ChangeAnnouncerTest {

    private final VerificationCache cache =
            new VerificationCache(VerificationCaching.defaults(), Ticker.systemTicker());
    private final Ports store = new InMemoryAdapters().ports(new MutableClock(TestApplication.START));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> new Thread(task, "runner"));

    /** The epoch the cache had when the unit ended, before the asking thread got its answer. */
    private final AtomicLong epochWhenTheUnitEnded = new AtomicLong(-1);

    /**
     * Units whose work runs on {@link #runner}'s thread; the asking thread waits for them. A unit
     * inside a unit runs where the outer one does.
     */
    private final Transactions elsewhere = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (Thread.currentThread().getName().equals("runner")) {
                return store.transactions().inTransaction(work);
            }
            try {
                return runner.submit(() -> {
                            T value = store.transactions().inTransaction(work);
                            epochWhenTheUnitEnded.set(cache.stamp().epoch());
                            return value;
                        })
                        .get();
            } catch (InterruptedException | ExecutionException failure) {
                throw new IllegalStateException(failure);
            }
        }
    };

    private final Ports watched = new ChangeAnnouncer(cache)
            .watch(new Ports(
                    store.accounts(),
                    store.tokens(),
                    store.seats(),
                    store.auditLog(),
                    elsewhere,
                    store.secretGenerator(),
                    store.secretHasher(),
                    store.idGenerator(),
                    store.clock()));

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void a_change_saved_by_work_running_on_another_thread_is_announced_once_its_unit_ended_and_not_before() {
        long before = cache.stamp().epoch();

        watched.transactions().inTransaction(() -> {
            watched.accounts().save(ContractFixtures.newAccount("announced"));
            return null;
        });

        // announced during the unit, facts read before its commit could be kept after it
        assertThat(epochWhenTheUnitEnded).as("the epoch when the unit ended").hasValue(before);
        // and announced before the asking thread has its answer
        assertThat(cache.stamp().epoch()).isGreaterThan(before);
    }

    @Test
    void a_unit_inside_a_unit_whose_work_runs_elsewhere_announces_with_the_outer_unit() {
        long before = cache.stamp().epoch();
        var epochAfterTheInnerUnit = new AtomicLong(-1);

        watched.transactions().inTransaction(() -> {
            watched.transactions().inTransaction(() -> {
                watched.accounts().save(ContractFixtures.newAccount("inner"));
                return null;
            });
            epochAfterTheInnerUnit.set(cache.stamp().epoch());
            return null;
        });

        assertThat(epochAfterTheInnerUnit).hasValue(before);
        assertThat(epochWhenTheUnitEnded).hasValue(before);
        assertThat(cache.stamp().epoch()).isGreaterThan(before);
    }

    @Test
    void a_save_outside_any_unit_is_announced_at_once() {
        long before = cache.stamp().epoch();
        watched.accounts().save(ContractFixtures.newAccount("alone"));
        assertThat(cache.stamp().epoch()).isGreaterThan(before);
    }
}
