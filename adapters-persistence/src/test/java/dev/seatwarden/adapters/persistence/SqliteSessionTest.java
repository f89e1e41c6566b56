package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.seatwarden.adapters.persistence.DatabaseSettings.SqliteSynchronous;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.contract.ContractFixtures;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.MachineId;
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

    // ---- the writer forces its commits to disk outside its lock (issue 7) -----------------------

    @Test
    void the_units_of_a_commit_return_only_once_it_is_forced_to_disk_and_the_next_commit_runs_meanwhile()
            throws Exception {
        var writer = writerOf(database);
        assertThat(writer.syncsItself()).as("at synchronous=FULL on a file").isTrue();
        var forcing = new CountDownLatch(1);
        var forceMayGoOn = new CountDownLatch(1);
        var forces = new AtomicInteger();
        writer.beforeSync = () -> {
            if (forces.incrementAndGet() == 1) {
                forcing.countDown();
                await(forceMayGoOn);
            }
        };
        var pool = Executors.newFixedThreadPool(3);
        try {
            // Given two units queued for the writer, so that they share one commit, whose force
            // to disk is held
            var first = queuedTogether(writer, pool, "first", "second");
            assertThat(forcing.await(10, TimeUnit.SECONDS)).isTrue();

            // When a third unit runs meanwhile
            var third = pool.submit(() -> database.transactions().inTransaction(() -> {
                database.accounts().save(newAccount("third"));
                return "third";
            }));

            // Then it gets the lock and commits (a reader sees all three), while none returns: the
            // first two wait for their force (the one that commits for both, and the other), the
            // third for a force begun after its commit
            eventually(() -> database.accounts().all().size() == 3);
            assertThat(first).noneMatch(Future::isDone);
            assertThat(third.isDone()).isFalse();

            // When the force goes on, all three return
            forceMayGoOn.countDown();
            assertThat(first.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(first.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("third");
            assertThat(forces)
                    .as("one force for the shared commit, one for the third")
                    .hasValue(2);
        } finally {
            forceMayGoOn.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_verification_read_outside_a_unit_returns_only_once_the_commit_it_saw_is_forced_to_disk() throws Exception {
        // Given a token with a free seat, and a writer whose next force to disk is held
        var stores = TestDatabases.stores(database);
        var owner = ContractFixtures.givenAccount(stores, "owner");
        var seat = ContractFixtures.givenSeat(stores, owner.id(), 1);
        var writer = writerOf(database);
        var forcing = new CountDownLatch(1);
        var forceMayGoOn = new CountDownLatch(1);
        writer.beforeSync = () -> {
            forcing.countDown();
            await(forceMayGoOn);
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            // When a unit assigns the seat, commits, and waits for its force
            var claim = pool.submit(() -> database.transactions().inTransaction(() -> {
                stores.seats()
                        .save(new AssignedSeat(
                                seat.token(), seat.account(), new MachineId("m-1"), at(5), at(5), seat.version()));
                return null;
            }));
            assertThat(forcing.await(10, TimeUnit.SECONDS)).isTrue();
            // and a verification reads the token outside any unit meanwhile
            var read = pool.submit(() -> database.verificationReads().findBySecretHash(ContractFixtures.hash(1)));

            // Then the read waits for that force as the unit does: a verification must not answer
            // from an assignment that a crash could still undo
            Thread.sleep(300);
            assertThat(read.isDone())
                    .as("the read returned before the commit it may rest on was forced")
                    .isFalse();
            assertThat(claim.isDone()).isFalse();
            forceMayGoOn.countDown();
            assertThat(read.get(10, TimeUnit.SECONDS).get().seat().get()).isInstanceOf(AssignedSeat.class);
            claim.get(10, TimeUnit.SECONDS);
        } finally {
            forceMayGoOn.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_unit_whose_commit_cannot_be_forced_to_disk_is_reported_failed_and_the_next_ones_work() {
        var writer = writerOf(database);
        var forces = new AtomicInteger();
        writer.beforeSync = () -> {
            if (forces.incrementAndGet() == 1) {
                throw new IllegalStateException("injected: the disk refused to sync");
            }
        };

        var thrown = catchThrowable(() -> database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("unsure"));
            return null;
        }));

        // committed, but not known to be on disk: the caller is told it failed, never that it worked
        assertThat(thrown).isInstanceOf(DatabaseException.class).hasMessageContaining("could not be forced to disk");
        // and no later commit is trusted to be on disk, though the force would now succeed
        var later = catchThrowable(() -> database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("after"));
            return null;
        }));
        assertThat(later).isInstanceOf(DatabaseException.class).hasMessageContaining("an earlier force");
        assertThat(forces).hasValue(1);
    }

    @Test
    void an_error_while_forcing_leaves_no_unit_of_the_commit_waiting() throws Exception {
        var writer = writerOf(database);
        writer.beforeSync = () -> {
            throw new StackOverflowError("injected while forcing");
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            // Given two units queued, so that they share one commit, whose force fails with an Error
            var units = queuedTogether(writer, pool, "first", "second");

            // Then both return, neither with a success: the Error to the one that forced, a
            // DatabaseException to the other
            var outcomes = new ArrayList<Throwable>();
            for (var unit : units) {
                outcomes.add(
                        catchThrowable(() -> unit.get(10, TimeUnit.SECONDS)).getCause());
            }
            assertThat(outcomes)
                    .anySatisfy(failure -> assertThat(failure).isInstanceOf(StackOverflowError.class))
                    .anySatisfy(failure -> assertThat(failure)
                            .isInstanceOf(DatabaseException.class)
                            .hasMessageContaining("forcing a commit to disk failed"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void units_queued_behind_the_databases_close_are_told_it_is_closed_instead_of_waiting() throws Exception {
        var writer = writerOf(database);
        var session = (Session) database.transactions();
        var pool = Executors.newFixedThreadPool(3);
        try {
            // Given the close queued for the writer's lock, and two units behind it: the first to
            // lead, on the lock, the other waiting for its turn
            Future<?> closing;
            var units = new ArrayList<Future<Object>>();
            writer.lock.lock();
            try {
                closing = pool.submit(() -> database.close());
                eventually(() -> writer.lock.getQueueLength() == 1);
                for (var name : java.util.List.of("first", "second")) {
                    units.add(pool.submit(() -> database.transactions().inTransaction(() -> {
                        database.accounts().save(newAccount(name));
                        return name;
                    })));
                }
                eventually(() -> writer.lock.getQueueLength() == 2 && session.waitingUnits() == 1);
            } finally {
                writer.lock.unlock();
            }

            // Then the database closes, and each unit is told, instead of waiting for ever
            closing.get(10, TimeUnit.SECONDS);
            for (var unit : units) {
                var thrown = catchThrowable(() -> unit.get(10, TimeUnit.SECONDS));
                assertThat(thrown).isInstanceOf(java.util.concurrent.ExecutionException.class);
                assertThat(thrown.getCause())
                        .isInstanceOf(DatabaseException.class)
                        .hasStackTraceContaining("the database is closed");
            }
        } finally {
            pool.shutdownNow();
            database = null;
        }
    }

    @Test
    void units_queued_together_run_on_the_first_ones_thread_each_in_its_own_unit_and_share_one_commit()
            throws Exception {
        var writer = writerOf(database);
        var session = (Session) database.transactions();
        var pool = Executors.newFixedThreadPool(3);
        long commitsBefore = session.commits();
        var ranOn = new java.util.concurrent.ConcurrentHashMap<String, Thread>();
        var askedOn = new java.util.concurrent.ConcurrentHashMap<String, Thread>();
        try {
            var units = queuedTogether(
                    writer,
                    pool,
                    name -> () -> {
                        askedOn.put(name, Thread.currentThread());
                        return database.transactions().inTransaction(() -> {
                            ranOn.put(name, Thread.currentThread());
                            assertThat(session.inUnit()).isTrue();
                            database.accounts().save(newAccount(name));
                            return name;
                        });
                    },
                    "first",
                    "second",
                    "third");
            for (var unit : units) {
                unit.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // no thread switch between the units: the first one's thread ran all three
        assertThat(ranOn.get("first")).isSameAs(askedOn.get("first"));
        assertThat(ranOn.get("second")).isSameAs(askedOn.get("first")).isNotSameAs(askedOn.get("second"));
        assertThat(ranOn.get("third")).isSameAs(askedOn.get("first"));
        assertThat(session.commits() - commitsBefore).isEqualTo(1);
        assertThat(session.inUnit())
                .as("nothing of the units stays bound to a thread")
                .isFalse();
        assertThat(database.accounts().all()).hasSize(3);
    }

    @Test
    void a_unit_that_writes_nothing_costs_no_force_and_the_log_forced_is_sqlites_own_even_through_a_link()
            throws Exception {
        var writer = writerOf(database);
        var forces = new AtomicInteger();
        writer.beforeSync = forces::incrementAndGet;
        database.transactions().inTransaction(() -> {
            database.accounts().save(newAccount("one"));
            return null;
        });
        assertThat(forces).hasValue(1);

        // a unit that only reads commits nothing to force
        database.transactions().inTransaction(() -> database.accounts().all());
        assertThat(forces).hasValue(1);

        // a database opened through a symbolic link: the log SQLite writes is the one forced
        var target = folder.resolve("target.db");
        var link = java.nio.file.Files.createSymbolicLink(folder.resolve("link.db"), target);
        try (var linked = Database.open(TestDatabases.sqliteSettings(link))) {
            linked.transactions().inTransaction(() -> {
                linked.accounts().save(newAccount("linked"));
                return null;
            });
            var log = writerOf(linked).log();
            assertThat(log).isNotNull();
            assertThat(java.nio.file.Files.exists(log)).as(log + " exists").isTrue();
        }
    }

    @Test
    void the_writer_commits_at_normal_and_forces_itself_only_when_the_settings_ask_for_full() {
        var session = (Session) database.transactions();
        assertThat(writerSynchronous(session))
                .as("FULL: the writer forces the log itself")
                .isEqualTo(1);
        assertThat(writerOf(database).syncsItself()).isTrue();
        for (var setting : java.util.List.of(SqliteSynchronous.NORMAL, SqliteSynchronous.EXTRA)) {
            try (var other = Database.open(TestDatabases.sqliteSettings(folder.resolve(setting + ".db"))
                    .withSqliteSynchronous(setting))) {
                assertThat(writerSynchronous((Session) other.transactions()))
                        .as(setting + ": as set, SQLite syncs (or not) itself")
                        .isEqualTo(setting.ordinal() + 1);
                assertThat(writerOf(other).syncsItself()).isFalse();
            }
        }
    }

    /**
     * Units that each save an account of one of {@code names}, queued in that order while this
     * thread holds the writer's lock (the first, which leads, on the lock; the others behind it),
     * then let go: they run one after the other in one group.
     */
    private java.util.List<Future<String>> queuedTogether(
            SqliteWriter writer, java.util.concurrent.ExecutorService pool, String... names) throws Exception {
        return queuedTogether(
                writer,
                pool,
                name -> () -> database.transactions().inTransaction(() -> {
                    database.accounts().save(newAccount(name));
                    return name;
                }),
                names);
    }

    /** Tasks for the pool, one per name, each asking for one unit of work, queued as above. */
    private java.util.List<Future<String>> queuedTogether(
            SqliteWriter writer,
            java.util.concurrent.ExecutorService pool,
            java.util.function.Function<String, java.util.concurrent.Callable<String>> unitFor,
            String... names)
            throws Exception {
        var session = (Session) database.transactions();
        var units = new ArrayList<Future<String>>();
        writer.lock.lock();
        try {
            for (var name : names) {
                units.add(pool.submit(unitFor.apply(name)));
                int queued = units.size();
                eventually(() -> writer.lock.getQueueLength() == 1 && session.waitingUnits() == queued - 1);
            }
        } finally {
            writer.lock.unlock();
        }
        return units;
    }

    private static SqliteWriter writerOf(Database database) {
        return database.sqliteWriter().get();
    }

    private static int writerSynchronous(Session session) {
        return session.inTransaction(() -> session.read(
                "the synchronous pragma",
                handle -> handle.createQuery("PRAGMA synchronous")
                        .mapTo(Integer.class)
                        .one()));
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 10 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** {@link #THREADS} threads, each running {@code step} {@code perThread} times, released together. */
    private static void inParallel(int perThread, Parallel.Step step) throws Exception {
        Parallel.run(THREADS, perThread, step);
    }
}
