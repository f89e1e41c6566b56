package dev.seatwarden.adapters.persistence;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
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
final class SqliteWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /**
     * Held by each unit of this process while it runs: fair, so that writers queue in order instead
     * of polling for the file's lock (which can starve one past the busy timeout).
     */
    final ReentrantLock lock = new ReentrantLock(true);

    private final Kept kept;
    private final Jdbi jdbi;

    /** The write-ahead log this writer forces to disk itself, if it does (see {@link #sync}). */
    private final Option<Path> log;

    /** Commits so far; guarded by {@link #lock}, read by {@link #sync}. */
    private volatile long committed;

    /** Commits known to be on disk; guarded by {@link #syncing}. */
    private long synced;

    private final Object syncing = new Object();

    /** For tests: runs before each force of the log (a delay or a failure injected there). */
    volatile Runnable beforeSync = () -> {};

    /**
     * @param source where the writer's connection comes from (not the pool): with the pool's
     *     pragmas, except {@code synchronous=NORMAL} when {@code log} is given
     * @param log the database's write-ahead log, when the writer is to make each commit durable
     *     itself, outside its lock, instead of SQLite inside it ({@code synchronous=FULL}); none
     *     when SQLite does (or, by the settings, need not)
     * @param configure gives the writer's jdbi the settings of the pool's
     */
    SqliteWriter(DataSource source, Option<Path> log, Consumer<Jdbi> configure) {
        this.kept = new Kept(source);
        this.log = log;
        this.jdbi = Jdbi.create(kept);
        configure.accept(jdbi);
    }

    /** Whether a unit's commit is on disk only after {@link #sync}, which the caller must run. */
    boolean syncsItself() {
        return log.isDefined();
    }

    /** Counts a commit just made (the caller holds {@link #lock}): its number, for {@link #sync}. */
    long committed() {
        assert lock.isHeldByCurrentThread();
        return ++committed;
    }

    /**
     * Makes commit number {@code sequence}, and every one before it, durable: forces the
     * write-ahead log to disk, unless a force that began after that commit has ended. Runs outside
     * {@link #lock}, so that the next group of units runs meanwhile; several committers waiting
     * here share one force. A commit's frames reach the log before SQLite's commit returns, and a
     * later force of the file covers them (if a checkpoint moved them into the database file
     * since, SQLite forced both files then, even at {@code synchronous=NORMAL}).
     *
     * @return null once it is durable; else the failure, for every unit of the commit to report
     */
    RuntimeException sync(long sequence) {
        synchronized (syncing) {
            if (synced >= sequence) {
                return null;
            }
            long upTo = committed;
            try {
                beforeSync.run();
                force(log.get());
            } catch (IOException | RuntimeException failure) {
                return new DatabaseException(
                        "a unit of work was committed but its commit could not be forced to disk: " + failure, failure);
            }
            synced = upTo;
            return null;
        }
    }

    /**
     * Forces the log; if there is none (the last connection's close checkpointed it into the
     * database file and deleted it), the database file, which that checkpoint wrote.
     */
    private static void force(Path log) throws IOException {
        try {
            forceFile(log);
        } catch (NoSuchFileException gone) {
            var name = log.getFileName().toString();
            forceFile(log.resolveSibling(name.substring(0, name.length() - "-wal".length())));
        }
    }

    private static void forceFile(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
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

    @Override
    public void close() {
        lock.lock();
        try {
            kept.shutDown();
        } finally {
            lock.unlock();
        }
    }

    /** A connection factory that answers the same connection each time and keeps it open. */
    private static final class Kept implements ConnectionFactory {
        private final DataSource source;
        private Connection connection;
        private boolean closed;

        Kept(DataSource source) {
            this.source = source;
        }

        @Override
        public Connection openConnection() throws SQLException {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
            }
            return connection;
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
