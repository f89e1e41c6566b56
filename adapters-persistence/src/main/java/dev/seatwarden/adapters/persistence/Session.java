package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The unit of work on jdbi: one handle (one pooled connection, one database transaction) per unit,
 * bound to the thread that runs it, so that every store called inside the unit reads and writes
 * through it. A store called outside any unit gets a short-lived handle of its own, and its writes
 * a transaction of their own.
 *
 * <p>Isolation is serializable on both engines: SQLite begins every unit {@code IMMEDIATE} (one
 * writer at a time, others wait up to the busy timeout), PostgreSQL runs at {@code SERIALIZABLE}.
 * What the engine reports as a conflict (a serialization failure, a deadlock, a lock not obtained
 * in time, a unique key taken) reaches the caller as {@link ConcurrentUpdateException}, which the
 * application's unit of work retries; every other failure passes unchanged.
 */
final class Session implements Transactions {

    /** PostgreSQL: serialization_failure, deadlock_detected, unique_violation, lock_not_available. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "23505", "55P03");

    /** SQLite's primary result codes for a lock not obtained: SQLITE_BUSY, SQLITE_LOCKED. */
    private static final Set<Integer> SQLITE_BUSY_CODES = Set.of(5, 6);

    /** SQLite's extended result codes for a unique or primary key taken. */
    private static final Set<Integer> SQLITE_UNIQUE_CODES = Set.of(2067, 1555);

    private final Jdbi jdbi;
    private final ThreadLocal<Handle> bound = new ThreadLocal<>();
    private final Engine engine;
    private final Lock writers;
    private final Consumer<Connection> evict;

    /**
     * @param writers held by each unit of this process while it runs: a fair lock for SQLite, so
     *     that its writers queue in order instead of polling for the file's lock (which can starve
     *     one past the busy timeout); none for PostgreSQL, whose units run side by side
     */
    Session(Jdbi jdbi, Engine engine, Lock writers, Consumer<Connection> evict) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.writers = Objects.requireNonNull(writers, "writers");
        this.evict = Objects.requireNonNull(evict, "evict");
    }

    /** A lock that never waits, for engines whose units run side by side. */
    static Lock noLock() {
        return NoLock.INSTANCE;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (bound.get() != null) {
            return work.get(); // a unit inside a unit joins it
        }
        writers.lock();
        try {
            return inNewTransaction(work);
        } finally {
            writers.unlock();
        }
    }

    private <T> T inNewTransaction(Supplier<T> work) {
        Handle handle = open("the data of a unit of work");
        bound.set(handle);
        RuntimeException failed = null;
        boolean begun = false;
        try {
            begin(handle);
            begun = true;
            T value = work.get();
            commit(handle);
            return value;
        } catch (RuntimeException failure) {
            if (begun) {
                rollbackQuietly(handle, failure);
            }
            failed = translated("the data of a unit of work", failure);
            throw failed;
        } catch (Error failure) {
            if (begun) {
                rollbackQuietly(handle, failure);
            }
            throw failure;
        } finally {
            bound.remove();
            close(handle, failed);
        }
    }

    /** Closes the handle; a failure to close after the unit failed is kept with that failure. */
    private static void close(Handle handle, RuntimeException failed) {
        try {
            handle.close();
        } catch (RuntimeException closeFailure) {
            if (failed == null) {
                throw translated("the data of a unit of work", closeFailure);
            }
            failed.addSuppressed(closeFailure);
        }
    }

    /** Runs a read through the unit's handle, or a handle of its own outside a unit. */
    <T> T read(String what, HandleCallback<T, SQLException> work) {
        var handle = bound.get();
        if (handle != null) {
            return call(what, handle, work);
        }
        try (var own = open(what)) {
            return call(what, own, work);
        }
    }

    /** Runs a write inside the unit, or as a unit of its own outside one: all of it or none. */
    void write(String what, HandleCallback<Void, SQLException> work) {
        inTransaction(() -> call(what, bound.get(), work));
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
            throw translated(what, new DatabaseException(what, failure));
        } catch (RuntimeException failure) {
            throw translated(what, failure);
        }
    }

    /**
     * Begins the unit's transaction. SQLite's is begun, committed and rolled back by statements on a
     * connection left in auto-commit mode: the driver's own transaction handling begins the next
     * transaction right after a commit, which could wait for another process's lock and then fail
     * after the commit had succeeded (and a retry would apply the unit twice).
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
     * it leaves the pool instead of serving the next unit.
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
     * A conflict reported by the engine as {@link ConcurrentUpdateException}; anything else as it
     * was (an application's own exception reaches the caller as the same object).
     */
    private static <X extends Throwable> X translated(String what, X failure) {
        if (failure instanceof ConcurrentUpdateException || !isConflict(failure)) {
            return failure;
        }
        @SuppressWarnings("unchecked")
        X conflict = (X) new ConcurrentUpdateException(what, failure);
        return conflict;
    }

    static boolean isConflict(Throwable failure) {
        if (!(failure instanceof JdbiException || failure instanceof DatabaseException)) {
            return false;
        }
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

    private enum NoLock implements Lock {
        INSTANCE;

        @Override
        public void lock() {}

        @Override
        public void lockInterruptibly() {}

        @Override
        public boolean tryLock() {
            return true;
        }

        @Override
        public boolean tryLock(long time, java.util.concurrent.TimeUnit unit) {
            return true;
        }

        @Override
        public void unlock() {}

        @Override
        public java.util.concurrent.locks.Condition newCondition() {
            throw new UnsupportedOperationException("no conditions on a lock that never waits");
        }
    }
}
