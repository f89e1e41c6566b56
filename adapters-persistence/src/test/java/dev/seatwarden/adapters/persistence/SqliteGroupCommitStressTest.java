package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stress of SQLite's group commit: many threads, units that succeed, throw, throw an Error, swallow a
 * failed call, nest; commits that fail (RuntimeException or Error), forces that fail, a close while
 * units queue, callers interrupted. Checks: every call returns, each work runs exactly once, each
 * caller gets its own exception, a success is stored (after a reopen) and a failure is not.
 */
class SqliteGroupCommitStressTest {

    private static final int THREADS = Integer.getInteger("stress.threads", 24);
    private static final int PER_THREAD = Integer.getInteger("stress.perThread", 150);

    @TempDir
    Path folder;

    /** A work's own failures. */
    static final class OwnFailure extends RuntimeException {
        OwnFailure(String message) {
            super(message);
        }
    }

    static final class OwnError extends Error {
        OwnError(String message) {
            super(message);
        }
    }

    static final class InjectedCommitFailure extends RuntimeException {
        InjectedCommitFailure() {
            super("injected before a group commit");
        }
    }

    static final class InjectedCommitError extends Error {
        InjectedCommitError() {
            super("injected error before a group commit");
        }
    }

    private record Outcome(String name, int kind, Object value, Throwable thrown, Throwable own) {}

    @RepeatedTest(10)
    void random_failures() throws Exception {
        var path = folder.resolve("stress.db");
        var database = Database.open(TestDatabases.sqliteSettings(path));
        var session = (Session) database.transactions();
        database.accounts().save(newAccount("taken"));
        long commitsBefore = session.commits();
        session.beforeGroupCommit = () -> {
            int dice = ThreadLocalRandom.current().nextInt(1000);
            if (dice < 30) {
                throw new InjectedCommitFailure();
            }
            if (dice < 40) {
                throw new InjectedCommitError();
            }
        };
        var runs = new ConcurrentHashMap<String, AtomicInteger>();
        var ranElsewhereWithoutUnit = new ConcurrentLinkedQueue<String>();
        var outcomes = new ConcurrentLinkedQueue<Outcome>();

        Parallel.run(THREADS, PER_THREAD, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            int kind = ThreadLocalRandom.current().nextInt(7);
            Throwable[] own = new Throwable[1];
            Object value = null;
            Throwable thrown = null;
            try {
                value = database.transactions().inTransaction(() -> {
                    runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    if (!session.inUnit()) {
                        ranElsewhereWithoutUnit.add(name);
                    }
                    switch (kind) {
                        case 0, 6 -> database.accounts().save(newAccount(name));
                        case 1 -> {
                            database.accounts().save(newAccount(name));
                            own[0] = new OwnFailure(name);
                            throw (OwnFailure) own[0];
                        }
                        case 2 -> {
                            database.accounts().save(newAccount(name));
                            own[0] = new OwnError(name);
                            throw (OwnError) own[0];
                        }
                        case 3 -> {
                            try {
                                database.transactions().inTransaction(() -> {
                                    database.accounts().save(newAccount(name + "-inner"));
                                    throw new OwnFailure("inner " + name);
                                });
                            } catch (OwnFailure expected) {
                                // the inner unit is undone, the outer goes on
                            }
                            database.accounts().save(newAccount(name));
                        }
                        case 4 -> {
                            return database.accounts().all().size();
                        }
                        case 5 -> {
                            database.accounts().save(newAccount(name));
                            try {
                                database.accounts().save(newAccount("taken"));
                            } catch (ConcurrentUpdateException swallowed) {
                                // swallowed: the unit must fail anyway
                            }
                        }
                        default -> throw new AssertionError();
                    }
                    return name;
                });
            } catch (RuntimeException | Error failure) {
                thrown = failure;
            }
            outcomes.add(new Outcome(name, kind, value, thrown, own[0]));
        });

        assertThat(session.waitingUnits()).isZero();
        assertThat(session.commits() - commitsBefore)
                .as("units that waited shared commits")
                .isLessThan(THREADS * PER_THREAD);
        database.close();
        var stored = storedEmails(path);

        var problems = new ArrayList<String>();
        for (var outcome : outcomes) {
            var name = outcome.name();
            var email = name + "@example.test";
            int ran = runs.getOrDefault(name, new AtomicInteger()).get();
            if (ran != 1) {
                problems.add(name + " ran " + ran + " times");
            }
            if (stored.contains(name + "-inner@example.test")) {
                problems.add(name + ": inner undone unit stored");
            }
            switch (outcome.kind()) {
                case 1, 2 -> {
                    boolean leaderGotCommitError = outcome.thrown() instanceof InjectedCommitError
                            && java.util.Arrays.asList(outcome.thrown().getSuppressed())
                                    .contains(outcome.own());
                    if (outcome.thrown() != outcome.own() && !leaderGotCommitError) {
                        problems.add(name + " (kind " + outcome.kind() + ") got " + outcome.thrown()
                                + " instead of its own");
                    }
                    if (stored.contains(email)) {
                        problems.add(name + " failed but stored");
                    }
                }
                case 5 -> {
                    if (outcome.thrown() == null) {
                        problems.add(name + " swallowed a failed call and succeeded");
                    }
                    if (stored.contains(email)) {
                        problems.add(name + " swallowed a failed call and is stored");
                    }
                }
                default -> {
                    var thrown = outcome.thrown();
                    if (thrown == null) {
                        if (outcome.kind() != 4 && !stored.contains(email)) {
                            problems.add(name + " succeeded but not stored");
                        }
                    } else {
                        if (!(thrown instanceof InjectedCommitFailure
                                || thrown instanceof InjectedCommitError
                                || thrown instanceof DatabaseException)) {
                            problems.add(name + " got unexpected " + thrown);
                        }
                        if (outcome.kind() != 4 && stored.contains(email)) {
                            problems.add(name + " failed (" + thrown + ") but stored");
                        }
                    }
                }
            }
        }
        assertThat(ranElsewhereWithoutUnit).isEmpty();
        assertThat(outcomes).hasSize(THREADS * PER_THREAD);
        assertThat(problems).isEmpty();
    }

    @RepeatedTest(5)
    void a_force_that_fails_at_random_never_lets_a_unit_report_success_without_its_commit() throws Exception {
        var path = folder.resolve("sync.db");
        var database = Database.open(TestDatabases.sqliteSettings(path));
        var writer = database.sqliteWriter().get();
        var forces = new AtomicInteger();
        int failAt = 5 + ThreadLocalRandom.current().nextInt(60);
        boolean asError = ThreadLocalRandom.current().nextBoolean();
        writer.beforeSync = () -> {
            if (forces.incrementAndGet() == failAt) {
                if (asError) {
                    throw new InjectedCommitError();
                }
                throw new IllegalStateException("injected: the disk refused to sync");
            }
        };
        var succeeded = new ConcurrentLinkedQueue<String>();
        var failed = new AtomicInteger();
        Parallel.run(THREADS, 40, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            try {
                database.transactions().inTransaction(() -> {
                    database.accounts().save(newAccount(name));
                    return null;
                });
                succeeded.add(name);
            } catch (DatabaseException | InjectedCommitError failure) {
                failed.incrementAndGet();
            }
        });
        database.close();
        var stored = storedEmails(path);
        assertThat(forces).as("the injected failure was reached").hasValueGreaterThanOrEqualTo(failAt);
        assertThat(failed).as("units told that their commit may not be on disk").hasPositiveValue();
        assertThat(stored).containsAll(emails(succeeded));
    }

    @RepeatedTest(10)
    void closing_while_units_queue_leaves_no_caller_waiting() throws Exception {
        var path = folder.resolve("close.db");
        var database = Database.open(TestDatabases.sqliteSettings(path));
        var succeeded = new ConcurrentLinkedQueue<String>();
        var unexpected = new ConcurrentLinkedQueue<Throwable>();
        var started = new CountDownLatch(THREADS * 5);
        var pool = Executors.newFixedThreadPool(THREADS);
        var futures = new ArrayList<Future<?>>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    var name = "t" + thread + "-" + i;
                    started.countDown();
                    try {
                        database.transactions().inTransaction(() -> {
                            database.accounts().save(newAccount(name));
                            return null;
                        });
                        succeeded.add(name);
                    } catch (DatabaseException closed) {
                        // told it is closed
                    } catch (RuntimeException | Error other) {
                        unexpected.add(other);
                    }
                }
                return null;
            }));
        }
        started.await();
        database.close();
        try {
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } catch (TimeoutException hung) {
            throw new AssertionError("a caller still waits after the close:\n" + Parallel.threadDump(), hung);
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        var stored = storedEmails(path);
        assertThat(stored).containsAll(emails(succeeded));
    }

    /** An Error that cannot even say what went wrong: standing for a failure while handling a failure. */
    static final class Unprintable extends Error {
        @Override
        public String getMessage() {
            throw new IllegalStateException("cannot even say what went wrong");
        }
    }

    /**
     * A group whose commit fails so badly that even its failure cannot be made is rolled back while
     * its leader still holds the writer's lock: only that group's units fail, and later groups, on
     * the same connection, are not disturbed (a first version rolled it back only after handing
     * the writer on: a review saw units of later groups fail on a loaded machine; this test does not
     * reach that interleaving reliably, and guards the outcome).
     */
    @RepeatedTest(10)
    void a_commit_failing_while_its_failure_is_made_fails_its_own_group_only() throws Exception {
        var path = folder.resolve("escaped.db");
        var database = Database.open(TestDatabases.sqliteSettings(path));
        var session = (Session) database.transactions();
        var commits = new AtomicInteger();
        session.beforeGroupCommit = () -> {
            if (commits.incrementAndGet() == 25) {
                throw new Unprintable();
            }
        };
        var succeeded = new ConcurrentLinkedQueue<String>();
        var failed = new ConcurrentLinkedQueue<String>();
        Parallel.run(16, 40, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            try {
                database.transactions().inTransaction(() -> {
                    database.accounts().save(newAccount(name));
                    return null;
                });
                succeeded.add(name);
            } catch (RuntimeException | Error failure) {
                failed.add(name);
            }
        });
        database.close();
        var stored = storedEmails(path);
        assertThat(failed).as("the units of the one group that failed").hasSizeBetween(1, Session.MAX_GROUP);
        assertThat(stored).containsAll(emails(succeeded));
        assertThat(stored).doesNotContainAnyElementsOf(emails(failed));
    }

    /**
     * Callers that are interrupted keep their interrupt, and a work sees its own caller's interrupt
     * only, though it may run on another caller's thread.
     */
    @RepeatedTest(3)
    void interrupts() throws Exception {
        var path = folder.resolve("interrupts.db");
        var database = Database.open(TestDatabases.sqliteSettings(path));
        var lostInterrupts = new AtomicInteger();
        var foreignInterrupts = new AtomicInteger();
        var failures = new ConcurrentLinkedQueue<Throwable>();
        Parallel.run(THREADS, 100, (thread, i) -> {
            var name = "t" + thread + "-" + i;
            boolean interrupt = ThreadLocalRandom.current().nextInt(4) == 0;
            if (interrupt) {
                Thread.currentThread().interrupt();
            }
            try {
                database.transactions().inTransaction(() -> {
                    if (!interrupt && Thread.currentThread().isInterrupted()) {
                        foreignInterrupts.incrementAndGet();
                    }
                    database.accounts().save(newAccount(name));
                    return null;
                });
            } catch (RuntimeException | Error failure) {
                failures.add(failure);
            }
            if (interrupt && !Thread.interrupted()) {
                lostInterrupts.incrementAndGet();
            }
            Thread.interrupted();
        });
        database.close();
        assertThat(failures).isEmpty();
        assertThat(lostInterrupts).hasValue(0);
        assertThat(foreignInterrupts)
                .as("works that saw another caller's interrupt")
                .hasValue(0);
    }

    /** The e-mails of the accounts saved under {@code names}. */
    private static java.util.List<String> emails(java.util.Collection<String> names) {
        return names.stream().map(name -> name + "@example.test").toList();
    }

    /** The e-mails of the accounts stored in the database at {@code path}, opened again. */
    private static Set<String> storedEmails(Path path) {
        Set<String> stored = new HashSet<>();
        try (var reopened = Database.open(TestDatabases.sqliteSettings(path))) {
            reopened.accounts()
                    .all()
                    .forEach(account -> stored.add(account.email().value()));
        }
        return stored;
    }
}
