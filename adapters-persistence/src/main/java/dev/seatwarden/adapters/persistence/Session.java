package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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

    /** SQLite: the units of work waiting for a turn on the writer, in order of arrival; guarded by itself. */
    private final ArrayDeque<Member> waiting = new ArrayDeque<>();

    /** SQLite: whether a thread leads, that is runs groups of units on the writer; guarded by {@link #waiting}. */
    private boolean leading;

    /**
     * @param writer SQLite's: the lock held while a group of this process's units runs, and the
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
     * Here the units that wait for the writer share its transaction, each in a savepoint of its
     * own, and one commit; and one thread runs them all, one after the other in order of arrival:
     * the leader. A unit that finds no leader leads: it takes the writer's lock, runs its own
     * work, then the work of each unit that arrived meanwhile, until none waits (or
     * {@link #MAX_GROUP} units have run), and commits for all. It then lets the first unit still
     * waiting lead the next group, and, outside the lock, while that group runs, waits for its own
     * group's commit to reach the disk (at {@code synchronous=FULL} the writer forces it there:
     * {@link SqliteWriter#sync}); only then does it tell the units of its group how each ended,
     * and return. The others wait, parked, for that, or for their turn to lead.
     *
     * <p>So each unit sees the state its predecessors left, as if each had committed alone in the
     * same order, and none returns before the commit that holds its writes is on disk. A unit that
     * throws is rolled back to its savepoint and leaves the others' writes alone; a commit that
     * fails fails every unit in it. Running the waiting units on one thread, instead of handing the
     * lock from thread to thread, spares the writer a thread switch between units (a quarter of a
     * seat claim's time in the lock, issue 7's seventh session); the unit's work sees the same
     * thread-bound unit ({@link #bound}) as if it ran on its own thread.
     */
    private <T> T inGroup(SqliteWriter writer, Supplier<T> work) {
        var member = new Member(work);
        boolean leads;
        synchronized (waiting) {
            leads = !leading;
            if (leads) {
                leading = true;
            } else {
                waiting.addLast(member);
            }
        }
        if (leads || member.awaitTurnOrEnd()) {
            lead(writer, member);
        }
        return member.outcome();
    }

    /**
     * Runs one group, {@code first} (the calling thread's own unit) first, then lets the next unit
     * waiting lead, forces the group's commit to disk and tells every unit of it how it ended.
     */
    private void lead(SqliteWriter writer, Member first) {
        List<Member> members = List.of();
        Group group = null;
        boolean toSync = false;
        // what went wrong outside any unit's own work (an Error, most likely): the first unit's
        // caller, this thread's, gets it; the others learn that their group failed
        Throwable escaped = null;
        // this thread's interrupt is its own unit's: the others' work runs without it
        boolean interrupted = Thread.interrupted();
        try {
            members = new ArrayList<>(MAX_GROUP);
            writer.lock.lock();
            try {
                group = Group.begin(this, writer);
                for (var next = first; next != null; next = members.size() < MAX_GROUP ? nextWaiting() : null) {
                    members.add(next);
                    if (next == first && interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    boolean goesOn = run(group, next);
                    // what the work left of the interrupt is its caller's
                    if (next == first) {
                        interrupted = Thread.interrupted();
                    } else if (Thread.interrupted()) {
                        next.owner.interrupt();
                    }
                    if (!goesOn) {
                        break;
                    }
                }
                if (!group.ended) {
                    toSync = group.commit(this, writer);
                }
            } catch (RuntimeException | Error failure) {
                escaped = failure;
                if (group != null && !group.ended && !toSync) {
                    // still holding the lock: nothing of the group is trusted
                    group.abortQuietly(this, failure);
                }
            } finally {
                writer.lock.unlock();
            }
        } catch (RuntimeException | Error failure) {
            escaped = escaped == null ? failure : escaped;
        } finally {
            handOver();
        }
        try {
            if (group == null) {
                // the group could not begin: only the first unit was taken
                first.failed(escaped);
                return;
            }
            if (toSync) {
                RuntimeException outcome;
                try {
                    outcome = writer.sync(group.sequence);
                } catch (Error failure) {
                    outcome = new DatabaseException("forcing a commit to disk failed: " + failure, failure);
                    escaped = failure;
                }
                group.end(outcome);
            }
            if (escaped != null) {
                first.failed(escaped);
            }
            if (group.ended) {
                tell(writer, members, group.failure);
            }
        } finally {
            // whoever was not told (something failed while telling) must not take it for a success
            first.endUnlessEnded();
            for (var member : members) {
                member.endUnlessEnded();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells the units of a group that ended how each did: its own failure, else the group's, else
     * its value. A unit that failed answers only once the commits it may have read are on disk.
     */
    private static void tell(SqliteWriter writer, List<Member> members, RuntimeException groupFailure) {
        RuntimeException unsure = null;
        if (writer.syncsItself() && members.stream().anyMatch(member -> member.failure != null)) {
            try {
                unsure = writer.sync(writer.lastCommit());
            } catch (Error failure) {
                unsure = new DatabaseException("forcing a commit to disk failed: " + failure, failure);
            }
        }
        for (var member : members) {
            if (member.failure != null) {
                if (unsure != null && unsure != member.failure) {
                    member.failure.addSuppressed(unsure);
                }
            } else if (groupFailure != null) {
                member.failure = groupFailure;
            }
            member.endIfNot();
        }
    }

    /**
     * Runs one unit of the group in its savepoint, as if on its own thread; false if the group had
     * to be rolled back whole, and can take no more units.
     */
    private boolean run(Group group, Member member) {
        var unit = new Unit(group.handle);
        bound.set(unit);
        try {
            group.handle.execute("SAVEPOINT seatwarden_member");
            member.value = member.work.get();
            unit.failIfACallFailed();
            group.handle.execute("RELEASE SAVEPOINT seatwarden_member");
            return true;
        } catch (RuntimeException failure) {
            var own = translated(UNIT, failure);
            member.failed(own);
            boolean undone;
            try {
                undone = group.undoMember(own);
            } catch (Error undoFailure) {
                member.failed(undoFailure);
                undone = false;
            }
            if (!undone) {
                group.abortQuietly(this, member.failure);
            }
            return undone;
        } catch (Error failure) {
            member.failed(failure);
            group.abortQuietly(this, failure);
            return false;
        } finally {
            bound.remove();
        }
    }

    /** The first unit waiting, taken into the group that runs; none if none waits. */
    private Member nextWaiting() {
        synchronized (waiting) {
            return waiting.pollFirst();
        }
    }

    /** Lets the first unit waiting lead the next group, or, if none waits, the next unit to come. */
    private void handOver() {
        Member next;
        synchronized (waiting) {
            next = waiting.pollFirst();
            if (next == null) {
                leading = false;
            }
        }
        if (next != null) {
            next.lead();
        }
    }

    /** SQLite: a unit of work that waits for the writer, runs in a group, and learns how it ended. */
    private static final class Member {
        private static final int WAITS = 0;
        private static final int LEADS = 1;
        private static final int ENDED = 2;

        final Supplier<?> work;
        final Thread owner = Thread.currentThread();

        /** Set by the thread that runs the unit; read by its owner once {@link #state} says it ended. */
        Object value;

        /** The unit's own failure (its work's, or its undoing's), if any; set by the thread that runs it. */
        Throwable failure;

        private volatile int state = WAITS;

        Member(Supplier<?> work) {
            this.work = work;
        }

        /** Records a failure of the unit; an earlier one is kept as suppressed. */
        void failed(Throwable failure) {
            if (this.failure != null && this.failure != failure) {
                failure.addSuppressed(this.failure);
            }
            this.failure = failure;
        }

        /** Parks (uninterruptibly) until the unit ended, or its turn to lead came: true then. */
        boolean awaitTurnOrEnd() {
            boolean interrupted = false;
            int seen;
            while ((seen = state) == WAITS) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                owner.interrupt();
            }
            return seen == LEADS;
        }

        void lead() {
            state = LEADS;
            LockSupport.unpark(owner);
        }

        /** Lets the owner learn how the unit ended, from {@link #failure} and {@link #value}, unless it already did. */
        void endIfNot() {
            if (state == ENDED) {
                return;
            }
            if (failure != null) {
                value = null;
            }
            state = ENDED;
            if (owner != Thread.currentThread()) {
                LockSupport.unpark(owner);
            }
        }

        /** Ends a unit whose group's outcome could not be told: as failed, never as a success. */
        void endUnlessEnded() {
            if (state == ENDED) {
                return;
            }
            if (failure == null) {
                failure = new DatabaseException(
                        "a unit of work's group failed while ending: whether the unit is stored is not known", null);
            }
            endIfNot();
        }

        @SuppressWarnings("unchecked")
        <T> T outcome() {
            if (state != ENDED) {
                throw new IllegalStateException("a unit of work was asked how it ended before it did");
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return (T) value;
        }
    }

    /** SQLite: one transaction that several units of work share, and how it ended; used by its leader only. */
    private static final class Group {

        final Handle handle;

        /** SQLite's count of rows changed on the connection when the group began. */
        private final long changesBefore;

        /** The writer's commit that holds this group's writes, once committed. */
        long sequence;

        boolean ended;
        RuntimeException failure;

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
                writer.commitStarts();
                try {
                    session.commit(handle);
                    committed = true;
                    sequence = writer.committed(changes(handle) != changesBefore);
                } finally {
                    writer.commitEnds();
                }
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

        /** Rolls back everyone's writes (every member of the group learns it), whatever fails meanwhile. */
        void abortQuietly(Session session, Throwable cause) {
            DatabaseException failure = null;
            try {
                failure = new DatabaseException(
                        "a unit of work sharing this transaction failed and could not be undone alone; all of it"
                                + " was rolled back",
                        cause);
                session.rollbackQuietly(handle, failure);
                session.close(handle, false, failure);
            } catch (RuntimeException closeFailure) {
                if (failure != null) {
                    failure.addSuppressed(closeFailure);
                }
            } finally {
                // a group is ended only with its failure: one that could not even be made leaves
                // the group open, and its leader tells no unit of it that it succeeded
                if (failure != null) {
                    end(failure);
                }
            }
        }

        void end(RuntimeException outcome) {
            ended = true;
            failure = outcome;
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
     * SQLite: closes the writer for good, once the group running (if any) has committed. The units
     * still waiting then fail, each with the database closed.
     */
    void close() {
        for (var sqlite : writer) {
            sqlite.lock.lock();
            try {
                sqlite.shutDown();
            } finally {
                sqlite.lock.unlock();
            }
        }
    }

    /** For tests: how many units of work wait for a turn on SQLite's writer, not counting the leader. */
    int waitingUnits() {
        synchronized (waiting) {
            return waiting.size();
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

    /**
     * SQLite, outside a unit, after a read whose answer must not rest on a commit that is not yet
     * on disk (a verification answered from it, issue 7): returns once every commit that read may
     * have seen is durable. A commit is visible to readers from its {@code COMMIT} on, before the
     * writer forces it (see {@link SqliteWriter#sync}); a unit's read waits for that force with its
     * group, a read outside one waits here. A commit under way may be visible before it has its
     * number, so this first lets it finish (a write of the log, without a sync). Nothing to wait
     * for on PostgreSQL (a commit is visible once durable), inside a unit (its group waits), or
     * when the writer does not force commits itself.
     *
     * @throws DatabaseException if a commit it may rest on could not be forced to disk
     */
    void awaitCommitsSeen() {
        if (writer.isEmpty() || bound.get() != null || !writer.get().syncsItself()) {
            return;
        }
        var sqlite = writer.get();
        while (sqlite.commitUnderWay()) {
            Thread.yield();
        }
        var failure = sqlite.sync(sqlite.lastCommit());
        if (failure != null) {
            throw failure;
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
