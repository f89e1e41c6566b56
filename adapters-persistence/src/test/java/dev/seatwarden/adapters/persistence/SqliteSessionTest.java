package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionTest extends SessionContract {

    @TempDir
    Path folder;

    private int opened;

    @Override
    protected Database open(int poolSize) {
        // the first database of a test is the one under test; later ones get files of their own
        return Database.open(TestDatabases.sqliteSettings(folder.resolve("session-" + (opened++) + ".db"))
                .withPoolSize(poolSize));
    }

    // ---- group commit (issue 7): units that wait for the writer share its commit ---------------

    private static final int THREADS = 8;

    @Test
    void concurrent_units_share_commits_and_every_one_is_stored_once_and_survives_a_reopen() throws Exception {
        var session = (Session) database.transactions();
        long commitsBefore = session.commits();
        int perThread = 60;

        inParallel(
                perThread,
                (thread, i) -> database.transactions().inTransaction(() -> {
                    database.accounts().save(newAccount("t" + thread + "-" + i));
                    return null;
                }));

        int units = THREADS * perThread;
        assertThat(database.accounts().all()).hasSize(units);
        long commits = session.commits() - commitsBefore;
        assertThat(commits)
                .as("units that waited for the writer joined its transaction")
                .isPositive()
                .isLessThan(units);
        database.close();
        var path = folder.resolve("session-0.db");
        try (var reopened = Database.open(TestDatabases.sqliteSettings(path))) {
            assertThat(reopened.accounts().all()).hasSize(units);
        }
        database = null;
    }

    @Test
    void a_unit_that_throws_in_a_shared_transaction_is_undone_alone_and_its_caller_gets_its_own_exception()
            throws Exception {
        var failures = new ConcurrentLinkedQueue<Throwable>();
        int perThread = 40;

        inParallel(perThread, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            var failure = new IllegalStateException("unit " + name + " failed");
            var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
                database.accounts().save(newAccount(name));
                if (i % 2 == 1) {
                    throw failure;
                }
                return null;
            }));
            if (i % 2 == 1) {
                assertThat(thrown).isSameAs(failure);
            } else if (thrown != null) {
                failures.add(thrown);
            }
        });

        assertThat(failures).isEmpty();
        assertThat(database.accounts().all().map(account -> account.email().value()))
                .hasSize(THREADS * perThread / 2)
                .allSatisfy(email -> assertThat(Integer.parseInt(email.replaceAll("^t\\d+-(\\d+)@.*$", "$1")) % 2)
                        .isZero());
    }

    @Test
    void when_a_groups_commit_fails_with_an_error_no_unit_of_it_reports_success_and_later_units_work()
            throws Exception {
        var session = (Session) database.transactions();
        var groupCommits = new AtomicInteger();
        session.beforeGroupCommit = () -> {
            if (groupCommits.incrementAndGet() == 4) {
                throw new StackOverflowError("injected before the 4th group commit");
            }
        };
        var succeeded = new ConcurrentLinkedQueue<String>();
        var failed = new ConcurrentLinkedQueue<Throwable>();
        int perThread = 30;

        inParallel(perThread, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            try {
                database.transactions().inTransaction(() -> {
                    database.accounts().save(newAccount(name));
                    return null;
                });
                succeeded.add(name + "@example.test");
            } catch (RuntimeException | Error failure) {
                failed.add(failure);
            }
        });

        assertThat(groupCommits).hasValueGreaterThanOrEqualTo(4);
        assertThat(failed).as("the units of the failed commit").isNotEmpty();
        assertThat(failed)
                .allSatisfy(failure ->
                        assertThat(failure).isInstanceOfAny(StackOverflowError.class, DatabaseException.class));
        // every unit that reported success is stored, and only those: nothing is lost, nothing
        // reported as done that was not, and the pool was not left with a connection mid-transaction
        assertThat(succeeded).hasSize(THREADS * perThread - failed.size());
        database.close();
        try (var reopened = Database.open(TestDatabases.sqliteSettings(folder.resolve("session-0.db")))) {
            assertThat(reopened.accounts().all().map(account -> account.email().value()))
                    .containsExactlyInAnyOrderElementsOf(succeeded);
        }
        database = null;
    }

    @Test
    void a_unit_refused_as_a_conflict_in_a_shared_transaction_leaves_the_winners_write() throws Exception {
        // every thread saves the same new account: one wins, the others' units are refused as
        // conflicts (a unique e-mail), each in its own savepoint, without undoing the winner
        var conflicts = new ConcurrentLinkedQueue<Throwable>();
        inParallel(1, (thread, i) -> {
            var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
                database.accounts().save(newAccount("same"));
                return null;
            }));
            if (thrown != null) {
                conflicts.add(thrown);
            }
        });
        assertThat(database.accounts().all()).hasSize(1);
        assertThat(conflicts)
                .hasSize(THREADS - 1)
                .allSatisfy(conflict -> assertThat(conflict).isInstanceOf(ConcurrentUpdateException.class));
    }

    private interface Step {
        void run(int thread, int index) throws Exception;
    }

    /** {@link #THREADS} threads, each running {@code step} {@code perThread} times, released together. */
    private static void inParallel(int perThread, Step step) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        step.run(thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
