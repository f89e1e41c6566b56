package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit of work on jdbi: one handle (one pooled connection, one database transaction) per unit,
 * bound to the thread that runs it, so that every store called inside the unit reads and writes
 * through it. A store called outside any unit gets a short-lived handle of its own, and its writes
 * a transaction of their own.
 *
 * <p>Isolation is serializable on both engines: SQLite begins every unit {@code IMMEDIATE} (one
 * writer at a time, others wait up to the busy timeout), PostgreSQL runs at {@code SERIALIZABLE}
 * (except the audit log's page read, {@link #readCommitted}).
 * What the engine reports as a conflict (a serialization failure, a deadlock, a lock not obtained
 * in time, a unique key taken) reaches the caller as {@link ConcurrentUpdateException}, which the
 * application's unit of work retries; any other database failure as {@link DatabaseException}; the
 * work's own exceptions unchanged.
 *
 * <p>A unit inside a unit runs in a savepoint: if it throws, its writes are undone and the outer
 * unit may go on. A unit that goes on after one of its database calls failed (rather than inside an
 * inner unit) is rolled back at the end and reports that failure, never a silent success.
 */
final class Session implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** PostgreSQL: serialization_failure, deadlock_detected, unique_violation, lock_not_available. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "23505", "55P03");

    /** SQLite's primary result codes for a lock not obtained: SQLITE_BUSY, SQLITE_LOCKED. */
    private static final Set<Integer> SQLITE_BUSY_CODES = Set.of(5, 6);

    /** SQLite's extended result codes for a unique or primary key taken. */
    private static final Set<Integer> SQLITE_UNIQUE_CODES = Set.of(2067, 1555);

    /** How many times a read outside any unit is tried when the engine reports a conflict. */
    private static final int READ_ATTEMPTS = 3;

    private static final String UNIT = "the data of a unit of work";

    private final Jdbi jdbi;
    private final Engine engine;
    private final Option<SqliteWriter> writer;
    private final Consumer<Connection> evict;
    private final ThreadLocal<Unit> bound = new ThreadLocal<>();

    /**
     * SQLite: the most units of work that share one commit (see {@link #inGroup}); small, so that
     * one group holds the file's write lock, which an {@code admin} command waits for, briefly.
     */
    static final int MAX_GROUP = 16;

    /** For tests: runs just before a group's commit (a failure injected there). */
    volatile Runnable beforeGroupCommit = () -> {};

    /** Transactions committed so far (for tests: how many units shared a commit). */
    private final AtomicLong commits = new AtomicLong();

    /** SQLite: the transaction that the next unit of work joins, if one is open; guarded by the writer's lock. */
    private Group openGroup;

    /**
     * @param writer SQLite's: the lock each unit of this process holds while it runs, and the
     *     connection the units write through; none for PostgreSQL, whose units run side by side on
     *     pooled connections
     * @param evict takes a connection out of use for good (out of the pool, or the writer's)
     */
    Session(Jdbi jdbi, Engine engine, Option<SqliteWriter> writer, Consumer<Connection> evict) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.evict = Objects.requireNonNull(evict, "evict");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        var outer = bound.get();
        if (outer != null) {
            return outer.nested(work);
        }
        if (writer.isDefined()) {
            return inGroup(writer.get(), work);
        }
        return inNewTransaction(work);
    }

    /**
     * SQLite's group commit (issue 7). SQLite has one writer, and a durable commit costs a sync of
     * the disk, so committing each unit alone caps the units per second at the disk's sync rate.
     * Here units still run one at a time, each on its own thread, in order of arrival (the fair
     * lock); but a unit that finishes while others wait for the lock leaves the transaction open,
     * and the next one runs in it, in a savepoint of its own, until one finds nobody waiting (or
     * {@link #MAX_GROUP} units have run): that one commits for all. No unit returns before the
     * commit that holds its writes is on disk (at {@code synchronous=FULL} the writer forces it
     * there after releasing the lock, while the next group runs: {@link SqliteWriter#sync}), and
     * each sees the state its predecessors left, as if each had committed alone in the same order.
     * A unit that throws is rolled back to its savepoint and leaves the others' writes alone; a
     * commit that fails fails every unit in it.
     */
    private <T> T inGroup(SqliteWriter writer, Supplier<T> work) {
        var lock = writer.lock;
        Group group;
        T value = null;
        RuntimeException own = null;
        boolean leftOpen = false;
        boolean toSync = false;
        lock.lock();
        try {
            group = openGroup;
            if (group == null) {
                group = Group.begin(this, writer);
                openGroup = group;
            }
            var unit = new Unit(group.handle);
            bound.set(unit);
            try {
                group.handle.execute("SAVEPOINT seatwarden_member");
                value = work.get();
                unit.failIfACallFailed();
                group.handle.execute("RELEASE SAVEPOINT seatwarden_member");
            } catch (RuntimeException failure) {
                own = translated(UNIT, failure);
                boolean undone;
                try {
                    undone = group.undoMember(own);
                } catch (Error undoFailure) {
                    openGroup = null;
                    group.abort(this, undoFailure);
                    throw undoFailure;
                }
                if (!undone) {
                    openGroup = null;
                    group.abort(this, own);
                }
            } catch (Error failure) {
                openGroup = null;
                group.abort(this, failure);
                throw failure;
            } finally {
                bound.remove();
            }
            if (openGroup == group) {
                group.members++;
                if (lock.hasQueuedThreads() && group.members < MAX_GROUP) {
                    leftOpen = own == null;
                } else {
                    openGroup = null;
                    toSync = group.commit(this, writer);
                }
            }
        } finally {
            lock.unlock();
        }
        if (toSync) {
            // outside the lock: the next group runs while this one's commit reaches the disk
            RuntimeException outcome = null;
            try {
                outcome = writer.sync(group.sequence);
            } catch (Error failure) {
                outcome = new DatabaseException("forcing a commit to disk failed: " + failure, failure);
                throw failure;
            } finally {
                group.end(outcome);
            }
        }
        if (own != null) {
            if (writer.syncsItself()) {
                // what the unit read may rest on commits not yet on disk: it answers after them too
                var unsure = writer.sync(writer.lastCommit());
                if (unsure != null) {
                    own.addSuppressed(unsure);
                }
            }
            throw own;
        }
        var failure = leftOpen ? group.awaitEnd() : group.failure();
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** SQLite: one transaction that several units of work share, and how it ended. */
    private static final class Group {
        final Handle handle;
        int members;

        /** SQLite's count of rows changed on the connection when the group began. */
        private final long changesBefore;

        /** The writer's commit that holds this group's writes, once committed. */
        long sequence;

        private boolean ended;
        private RuntimeException failure;

        private Group(Handle handle, long changesBefore) {
            this.handle = handle;
            this.changesBefore = changesBefore;
        }

        /** The rows changed on the handle's connection so far (rolled back or not). */
        private static long changes(Handle handle) {
            try {
                return handle.getConnection()
                        .unwrap(org.sqlite.SQLiteConnection.class)
                        .getDatabase()
                        .total_changes();
            } catch (SQLException failure) {
                throw DatabaseException.on(UNIT, failure);
            }
        }

        static Group begin(Session session, SqliteWriter writer) {
            Handle handle;
            try {
                handle = writer.open();
            } catch (RuntimeException failure) {
                throw translated(UNIT, failure);
            }
            long changesBefore;
            try {
                changesBefore = changes(handle);
                session.begin(handle);
            } catch (RuntimeException failure) {
                var translated = translated(UNIT, failure);
                session.close(handle, false, translated);
                throw translated;
            } catch (Error failure) {
                // the connection's state is unknown: it is closed, and the next unit opens another
                session.evict.accept(handle.getConnection());
                throw failure;
            }
            return new Group(handle, changesBefore);
        }

        /** Undoes a member that failed; false if even that failed, and the group must be aborted. */
        boolean undoMember(RuntimeException failure) {
            try {
                handle.execute("ROLLBACK TO SAVEPOINT seatwarden_member");
                handle.execute("RELEASE SAVEPOINT seatwarden_member");
                return true;
            } catch (RuntimeException undoFailure) {
                failure.addSuppressed(undoFailure);
                return false;
            }
        }

        /**
         * Commits, holding the writer's lock. If the writer makes commits durable itself (see
         * {@link SqliteWriter#sync}), answers true and leaves the group to the caller to end, once
         * it has called that outside the lock; otherwise ends the group and answers false.
         */
        boolean commit(Session session, SqliteWriter writer) {
            RuntimeException failed = null;
            boolean committed = false;
            try {
                session.beforeGroupCommit.run();
                session.commit(handle);
                committed = true;
                sequence = writer.committed(changes(handle) != changesBefore);
                session.commits.incrementAndGet();
            } catch (RuntimeException failure) {
                failed = translated(UNIT, failure);
                session.rollbackQuietly(handle, failed);
            } catch (Error failure) {
                // whether it committed is unknown: no member may report success, and the
                // connection, which may still be inside the transaction, is taken out of use
                failed = new DatabaseException("the commit of a unit of work failed: " + failure, failure);
                session.rollbackQuietly(handle, failed);
                session.evict.accept(handle.getConnection());
                throw failure;
            } finally {
                try {
                    session.close(handle, committed, failed);
                } catch (RuntimeException closeFailure) {
                    failed = closeFailure;
                }
                if (failed != null || !writer.syncsItself()) {
                    end(failed);
                }
            }
            return failed == null && writer.syncsItself();
        }

        /** Rolls back everyone's writes: the members already done learn it from {@link #awaitEnd}. */
        void abort(Session session, Throwable cause) {
            var failure = new DatabaseException(
                    "a unit of work sharing this transaction failed and could not be undone alone; all of it was"
                            + " rolled back",
                    cause);
            try {
                session.rollbackQuietly(handle, failure);
                session.close(handle, false, failure);
            } finally {
                end(failure);
            }
        }

        synchronized void end(RuntimeException outcome) {
            ended = true;
            failure = outcome;
            notifyAll();
        }

        synchronized RuntimeException failure() {
            return failure;
        }

        /** Waits (uninterruptibly) until the group's commit or rollback; its failure, if any. */
        synchronized RuntimeException awaitEnd() {
            boolean interrupted = false;
            while (!ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure;
        }
    }

    private <T> T inNewTransaction(Supplier<T> work) {
        var unit = new Unit(open(UNIT));
        bound.set(unit);
        boolean begun = false;
        boolean committed = false;
        RuntimeException failed = null;
        try {
            begin(unit.handle);
            begun = true;
            T value = work.get();
            unit.failIfACallFailed();
            commit(unit.handle);
            committed = true;
            commits.incrementAndGet();
            return value;
        } catch (RuntimeException failure) {
            failed = translated(UNIT, failure);
            if (begun) {
                rollbackQuietly(unit.handle, failed);
            }
            throw failed;
        } catch (Error failure) {
            if (begun) {
                rollbackQuietly(unit.handle, failure);
            }
            throw failure;
        } finally {
            bound.remove();
            close(unit.handle, committed, failed);
        }
    }

    /**
     * SQLite: closes the writer for good. A group left open (its units waiting for one that will
     * not come) is rolled back and its units are told so.
     */
    void close() {
        for (var sqlite : writer) {
            sqlite.lock.lock();
            try {
                var open = openGroup;
                openGroup = null;
                if (open != null) {
                    open.abort(this, new IllegalStateException("the database was closed"));
                }
            } finally {
                try {
                    sqlite.shutDown();
                } finally {
                    sqlite.lock.unlock();
                }
            }
        }
    }

    /** How many transactions this session has committed. */
    long commits() {
        return commits.get();
    }

    /** Runs a read through the unit's handle, or a handle of its own outside a unit. */
    <T> T read(String what, HandleCallback<T, SQLException> work) {
        var unit = bound.get();
        if (unit != null) {
            return unit.call(what, work);
        }
        for (int attempt = 1; ; attempt++) {
            try (var own = open(what)) {
                return call(what, own, work);
            } catch (ConcurrentUpdateException conflict) {
                // a read changes nothing, so trying it again is safe (a serializable read may be
                // refused on PostgreSQL)
                if (attempt >= READ_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Whether the calling thread is inside a unit of work. */
    boolean inUnit() {
        return bound.get() != null;
    }

    /**
     * PostgreSQL, outside any unit: runs a read in a {@code READ COMMITTED} transaction of its own,
     * so that each of its statements sees what was committed when that statement began (a
     * statement that waits for a lock, then a read that sees what the holders committed).
     */
    <T> T readCommitted(String what, HandleCallback<T, SQLException> work) {
        if (engine != Engine.POSTGRESQL || bound.get() != null) {
            throw new IllegalStateException("a read committed transaction of its own is for PostgreSQL, outside units");
        }
        return read(what, handle -> {
            handle.begin();
            try {
                handle.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                var result = work.withHandle(handle);
                handle.commit();
                return result;
            } catch (SQLException | RuntimeException | Error failure) {
                rollbackQuietly(handle, failure);
                throw failure;
            }
        });
    }

    /** Runs a write inside the unit, or as a unit of its own outside one: all of it or none. */
    void write(String what, HandleCallback<Void, SQLException> work) {
        var unit = bound.get();
        if (unit != null) {
            unit.call(what, work);
        } else {
            inTransaction(() -> bound.get().call(what, work));
        }
    }

    private Handle open(String what) {
        try {
            return jdbi.open();
        } catch (RuntimeException failure) {
            throw translated(what, failure);
        }
    }

    private static <T> T call(String what, Handle handle, HandleCallback<T, SQLException> work) {
        try {
            return work.withHandle(handle);
        } catch (SQLException failure) {
            throw translated(what, DatabaseException.on(what, failure));
        } catch (RuntimeException failure) {
            throw translated(what, failure);
        }
    }

    /**
     * SQLite's transaction is begun, committed and rolled back by statements on a connection left in
     * auto-commit mode: the driver's own transaction handling begins the next transaction right
     * after a commit, which could wait for another process's lock and then fail after the commit
     * had succeeded (and a retry would apply the unit twice).
     */
    private void begin(Handle handle) {
        if (engine == Engine.SQLITE) {
            // the write lock before the first read: a deferred transaction that reads, then
            // writes, would fail with SQLITE_BUSY at once, whatever the busy timeout
            handle.execute("BEGIN IMMEDIATE");
        } else {
            handle.begin();
        }
    }

    private void commit(Handle handle) {
        if (engine == Engine.SQLITE) {
            handle.execute("COMMIT");
        } else {
            handle.commit();
        }
    }

    /**
     * Rolls the unit back; if that fails, the connection may still be inside the transaction, so
     * it is taken out of use (out of the pool, or the writer's: closed) instead of serving the next unit.
     */
    private void rollbackQuietly(Handle handle, Throwable failure) {
        try {
            if (engine == Engine.SQLITE) {
                handle.execute("ROLLBACK");
            } else if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            evict.accept(handle.getConnection());
        }
    }

    /**
     * Closes the handle. After a commit, a failure to close changes nothing that was written: it is
     * logged and the connection leaves the pool, and the unit still reports its success.
     */
    private void close(Handle handle, boolean committed, RuntimeException failed) {
        try {
            handle.close();
        } catch (RuntimeException closeFailure) {
            if (failed != null) {
                failed.addSuppressed(closeFailure);
            } else if (committed) {
                LOG.warn(
                        "closing a connection after a committed unit of work failed; it leaves the pool", closeFailure);
                evict.accept(handle.getConnection());
            } else {
                throw translated(UNIT, closeFailure);
            }
        }
    }

    /**
     * A conflict reported by the engine as {@link ConcurrentUpdateException}, another failure of the
     * database as {@link DatabaseException}; anything else as it was (an application's own exception
     * reaches the caller as the same object).
     */
    static RuntimeException translated(String what, RuntimeException failure) {
        if (failure instanceof ConcurrentUpdateException || failure instanceof DatabaseException) {
            return isConflict(failure) ? new ConcurrentUpdateException(what, failure) : failure;
        }
        if (!(failure instanceof JdbiException)) {
            return failure;
        }
        return isConflict(failure) ? new ConcurrentUpdateException(what, failure) : DatabaseException.on(what, failure);
    }

    /** Whether the engine reported a conflict anywhere in the failure's causes: a lock not obtained, a key taken. */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.sqlite.SQLiteException sqlite) {
                int code = sqlite.getResultCode().code;
                if (SQLITE_BUSY_CODES.contains(code & 0xff) || SQLITE_UNIQUE_CODES.contains(code)) {
                    return true;
                }
            } else if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** One unit of work in progress on this thread: its handle, its savepoints, its failures. */
    private static final class Unit {
        private final Handle handle;
        private int savepoints;
        private RuntimeException failedCall;

        Unit(Handle handle) {
            this.handle = handle;
        }

        <T> T call(String what, HandleCallback<T, SQLException> work) {
            try {
                return Session.call(what, handle, work);
            } catch (RuntimeException failure) {
                if (failedCall == null) {
                    failedCall = failure;
                }
                throw failure;
            }
        }

        /** Runs an inner unit in a savepoint: undone if it throws, and the outer unit goes on. */
        <T> T nested(Supplier<T> work) {
            var savepoint = "seatwarden_unit_" + (++savepoints);
            var failedBefore = failedCall;
            handle.execute("SAVEPOINT " + savepoint);
            try {
                T value = work.get();
                handle.execute("RELEASE SAVEPOINT " + savepoint);
                return value;
            } catch (RuntimeException | Error failure) {
                handle.execute("ROLLBACK TO SAVEPOINT " + savepoint);
                handle.execute("RELEASE SAVEPOINT " + savepoint);
                failedCall = failedBefore;
                throw failure;
            }
        }

        /** A unit that went on after one of its calls failed is not committed. */
        void failIfACallFailed() {
            if (failedCall == null) {
                return;
            }
            if (failedCall instanceof ConcurrentUpdateException) {
                throw new ConcurrentUpdateException(UNIT, failedCall);
            }
            throw new IllegalStateException(
                    "a unit of work went on after a database call in it failed; it was rolled back", failedCall);
        }
    }
}
