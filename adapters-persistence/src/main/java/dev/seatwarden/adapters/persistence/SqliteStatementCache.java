package dev.seatwarden.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;

/**
 * SQLite: keeps each physical connection's prepared statements for the next handle on it, instead
 * of preparing every statement again (a third of a seat claim's CPU time before, issue 7).
 * PostgreSQL's driver keeps its own per connection; SQLite's and HikariCP keep none, and HikariCP
 * closes every statement made through its proxy when the connection goes back to the pool, so the
 * statements kept here are prepared on the SQLite connection underneath.
 *
 * <p>A connection serves one thread at a time, so its statements need no lock. A statement is
 * lent out while in use and comes back when jdbi closes it: reset (so that it holds no read
 * snapshot, however it ran), and its values dropped on the Java side ({@code clearBatch}), so that
 * the JVM keeps none of them. SQLite's own copy of the last values bound stays with the idle
 * statement until its next use binds new ones (the driver binds every parameter before each run,
 * a NULL for one not set): {@code clearParameters} would clear it with
 * {@code sqlite3_clear_bindings}, which marks as expired any statement that SQLite flagged as one
 * whose plan may depend on bound values (more of them in this build, which has STAT4), whether or
 * not rebinding its parameters would; SQLite then prepared it again at its next step (issue 7:
 * the account read cost 85 µs instead of 10 µs in a seat claim). The values bound are
 * identifiers, hashes, times, e-mail addresses and audit details, all also in the database's own
 * pages; never a secret (secrets are stored as hashes). Settings made on a statement (maximum
 * rows, fetch size, time-out) would carry over to the next use of the same SQL: the adapters make
 * none. If the same SQL is in use twice at once (a query run inside the iteration of another), the
 * second gets a statement of its own, closed after use. Each connection keeps at most {@link #PER_CONNECTION}
 * statements, the least recently used closed first; closing the connection finalizes them all.
 */
final class SqliteStatementCache implements StatementBuilderFactory {

    /** The most statements kept per connection: the adapters hold a few dozen distinct SQL texts. */
    static final int PER_CONNECTION = 128;

    private final Map<SQLiteConnection, Idle> connections = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        try {
            var sqlite = connection.unwrap(SQLiteConnection.class);
            return new Builder(sqlite, idleOf(sqlite));
        } catch (SQLException notSqlite) {
            return new DefaultStatementBuilder();
        }
    }

    /** How many connections have statements kept (for tests: closed connections are forgotten). */
    int connections() {
        return connections.size();
    }

    private Idle idleOf(SQLiteConnection connection) {
        var idle = connections.get(connection);
        if (idle != null) {
            return idle;
        }
        // a new connection: forget those closed since (their statements went with them)
        synchronized (connections) {
            connections.keySet().removeIf(SqliteStatementCache::isClosed);
            return connections.computeIfAbsent(connection, ignored -> new Idle());
        }
    }

    private static boolean isClosed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException failure) {
            return true;
        }
    }

    /** The statements of one connection that are not in use, by SQL, least recently used first. */
    private static final class Idle extends LinkedHashMap<String, PreparedStatement> {

        Idle() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PER_CONNECTION) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    }

    /** The statement builder of one handle, on one SQLite connection. */
    private static final class Builder extends DefaultStatementBuilder {

        private final SQLiteConnection connection;
        private final Idle idle;

        /** The kept statements this handle has in use, with the SQL they were prepared from. */
        private final Map<Statement, String> lent = new IdentityHashMap<>();

        Builder(SQLiteConnection connection, Idle idle) {
            this.connection = connection;
            this.idle = idle;
        }

        @Override
        public PreparedStatement create(Connection handleConnection, String sql, StatementContext context)
                throws SQLException {
            if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
                return super.create(handleConnection, sql, context);
            }
            var kept = idle.remove(sql);
            var statement = kept != null ? kept : connection.prepareStatement(sql);
            lent.put(statement, sql);
            return statement;
        }

        @Override
        public void close(Connection handleConnection, String ignored, Statement statement) throws SQLException {
            // jdbi names the SQL before its parameters were translated: the key is the one lent
            var sql = lent.remove(statement);
            if (sql == null) {
                super.close(handleConnection, ignored, statement);
                return;
            }
            var prepared = (PreparedStatement) statement;
            if (connection.isClosed() || prepared.isClosed()) {
                return;
            }
            try {
                // reset, whatever way it ran: a statement stepped to a row and left there (rows of
                // an update, a result set never asked for) would keep the connection's read snapshot
                ((CoreStatement) prepared).pointer.safeRunInt((db, pointer) -> db.reset(pointer));
                // not clearParameters: see the class's comment (it would make SQLite prepare the
                // statement again at its next use)
                prepared.clearBatch();
            } catch (SQLException | RuntimeException failure) {
                // not kept; the work it did stands
                closeQuietly(prepared);
                return;
            }
            if (idle.putIfAbsent(sql, prepared) != null) {
                closeQuietly(prepared);
            }
        }

        @Override
        public void close(Connection handleConnection) {
            // statements the handle never closed (none, as jdbi closes each): not kept
            lent.keySet().forEach(SqliteStatementCache::closeQuietly);
            lent.clear();
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection's close finalizes it in any case
        }
    }
}
