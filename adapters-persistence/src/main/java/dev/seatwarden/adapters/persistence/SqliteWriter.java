package dev.seatwarden.adapters.persistence;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's single writer in this process: the lock its units of work queue on, and the one
 * connection they all write through, kept open outside the pool. SQLite admits one writer at a
 * time anyway; keeping its connection keeps that connection's page cache and prepared statements
 * warm. A pooled connection, handed to each transaction in turn, found the database changed by
 * another connection and dropped its whole page cache first (issue 7: reading the account was a
 * sixth of a seat claim's CPU time).
 *
 * <p>Everything here is guarded by {@link #lock}: only the thread holding it opens a handle.
 */
final class SqliteWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /**
     * Held while a group of units runs, by the thread that runs them (see {@code Session}), and
     * while the writer closes: the units queue in order in {@code Session}, instead of polling for
     * the file's lock (which can starve one past the busy timeout).
     */
    final ReentrantLock lock = new ReentrantLock(true);

    private final Kept kept;
    private final Jdbi jdbi;

    /** Whether the writer makes commits durable itself (see {@link #sync}). */
    private final boolean forcesItself;

    /** Commits so far that wrote something; advanced under {@link #lock}, read by {@link #sync}. */
    private volatile long committed;

    /** Commits known to be on disk; guarded by {@link #syncing}. */
    private long synced;

    /** Set by the first force that failed: no later commit is reported durable (guarded by {@link #syncing}). */
    private DatabaseException broken;

    private final Object syncing = new Object();

    /** For tests: runs before each force of the log (a delay or a failure injected there). */
    volatile Runnable beforeSync = () -> {};

    /**
     * @param source where the writer's connection comes from (not the pool): with the pool's
     *     pragmas, except {@code synchronous=NORMAL} when {@code forcesItself}
     * @param forcesItself whether the writer is to make each commit durable itself, outside its
     *     lock, instead of SQLite inside it (the settings' {@code synchronous=FULL})
     * @param configure gives the writer's jdbi the settings of the pool's
     */
    SqliteWriter(DataSource source, boolean forcesItself, Consumer<Jdbi> configure) {
        this.kept = new Kept(source);
        this.forcesItself = forcesItself;
        this.jdbi = Jdbi.create(kept);
        configure.accept(jdbi);
    }

    /** Whether a unit's commit is on disk only after {@link #sync}, which the caller must run. */
    boolean syncsItself() {
        return forcesItself;
    }

    /**
     * The number of the commit just made (the caller holds {@link #lock}), for {@link #sync}: a new
     * number if it wrote something; else the last one's, as what it read may rest on that.
     */
    long committed(boolean wroteSomething) {
        assert lock.isHeldByCurrentThread();
        return wroteSomething ? ++committed : committed;
    }

    /** Set, under the lock, from just before a group's {@code COMMIT} until it has its number. */
    private volatile boolean commitUnderWay;

    void commitStarts() {
        assert lock.isHeldByCurrentThread();
        commitUnderWay = true;
    }

    void commitEnds() {
        commitUnderWay = false;
    }

    /** Whether a commit may be visible to readers without its number yet (Session#awaitCommitsSeen). */
    boolean commitUnderWay() {
        return commitUnderWay;
    }

    /** The number of the last commit that wrote something, for {@link #sync}. */
    long lastCommit() {
        return committed;
    }

    /**
     * Makes commit number {@code sequence}, and every one before it, durable: forces the
     * write-ahead log to disk, unless a force that began after that commit has ended. Runs outside
     * {@link #lock}, so that the next group of units runs meanwhile; several committers waiting
     * here share one force. A commit's frames reach the log before SQLite's commit returns, and a
     * later force of the file covers them (if a checkpoint moved them into the database file
     * since, SQLite forced both files then, even at {@code synchronous=NORMAL}). After a force
     * failed, none is trusted again: the kernel may have dropped the pages it could not write, and
     * a later force succeed without them (and the log's checksums chain each commit to those
     * before it); every later commit reports that failure, until the process restarts.
     *
     * @return null once it is durable; else the failure, for every unit of the commit to report
     */
    RuntimeException sync(long sequence) {
        synchronized (syncing) {
            if (broken != null) {
                return new DatabaseException(
                        "a unit of work was committed but is not known to be on disk: an earlier force of the"
                                + " database's log failed (restart the server)",
                        broken);
            }
            if (synced >= sequence) {
                return null;
            }
            long upTo = committed;
            try {
                beforeSync.run();
                force(kept.log);
            } catch (IOException | RuntimeException | Error failure) {
                broken = new DatabaseException(
                        "a unit of work was committed but its commit could not be forced to disk: " + failure, failure);
                if (failure instanceof Error error) {
                    throw error;
                }
                return broken;
            }
            synced = upTo;
            return null;
        }
    }

    /**
     * Forces the log file to disk ({@code fdatasync}, as SQLite does). An interrupt closes a
     * channel in the middle of its force: the calling thread's interrupt is set aside while it
     * forces, and a force cut short by one arriving meanwhile is tried again.
     */
    private static void force(Path log) throws IOException {
        if (log == null) {
            throw new IOException("the database's log file is not known");
        }
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try (var channel = FileChannel.open(log, StandardOpenOption.READ)) {
                    channel.force(false);
                    return;
                } catch (ClosedByInterruptException cut) {
                    Thread.interrupted();
                    interrupted = true;
                    if (attempt >= 3) {
                        throw cut;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A handle on the writer's connection, opened first if there is none (the caller holds {@link #lock}). */
    Handle open() {
        assert lock.isHeldByCurrentThread();
        return jdbi.open();
    }

    /**
     * Drops the writer's connection after a failure that may have left it inside a transaction: it
     * is closed (SQLite rolls back what it had not committed), and the next unit opens another.
     *
     * @return false if {@code connection} is not the writer's
     */
    boolean discard(Connection connection) {
        return kept.discard(connection);
    }

    /** For tests: the log file the writer forces (known once its connection opened). */
    Path log() {
        return kept.log;
    }

    /** Closes the writer's connection for good (the caller holds {@link #lock}, with no group open). */
    void shutDown() {
        assert lock.isHeldByCurrentThread();
        kept.shutDown();
    }

    /** A connection factory that answers the same connection each time and keeps it open. */
    private static final class Kept implements ConnectionFactory {
        private final DataSource source;
        private Connection connection;
        private boolean closed;

        Kept(DataSource source) {
            this.source = source;
        }

        /** The database's write-ahead log, from the file SQLite opened (links resolved). */
        volatile Path log;

        @Override
        public Connection openConnection() throws SQLException {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
                log = logOf(connection);
            }
            return connection;
        }

        private static Path logOf(Connection connection) throws SQLException {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("PRAGMA database_list")) {
                while (rows.next()) {
                    var file = rows.getString("file");
                    if ("main".equals(rows.getString("name")) && file != null && !file.isEmpty()) {
                        return Path.of(file + "-wal");
                    }
                }
                return null;
            }
        }

        @Override
        public void closeConnection(Connection toClose) {
            // kept for the next unit
        }

        boolean discard(Connection broken) {
            if (broken == null || broken != connection) {
                return false;
            }
            closeQuietly();
            return true;
        }

        void shutDown() {
            closed = true;
            closeQuietly();
        }

        private void closeQuietly() {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (SQLException | RuntimeException failure) {
                LOG.warn("closing the SQLite writer's connection failed", failure);
            }
            connection = null;
        }
    }
}
