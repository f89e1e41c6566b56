package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/** {@link AuditLog} in the append-only {@code audit_events} table, keyed by an increasing sequence. */
final class JdbiAuditLog implements AuditLog {

    /**
     * PostgreSQL: the advisory lock that orders an account's events, per schema (advisory locks are
     * the database's, and two schemas may hold the same account ids).
     */
    private static final String LOCK_KEY = "hashtextextended(current_schema() || '/' || :account, 0)";

    private static final String INSERT = "INSERT INTO audit_events (account_id, type, at, token_id, machine_id,"
            + " detail) VALUES (:account, :type, :at, :token, :machine, :detail)";

    /**
     * PostgreSQL: the insert that takes the account's lock first, shared (see {@link #append}): the
     * subquery that takes it runs before the row is made, and so before the row's default takes its
     * sequence number. {@code OFFSET 0} keeps the planner from merging the subquery into the insert's
     * own projection (it does not merge one with a volatile function today either).
     */
    private static final String LOCKED_INSERT = "INSERT INTO audit_events (account_id, type, at, token_id,"
            + " machine_id, detail) SELECT :account, :type, :at, :token, :machine, :detail"
            + " FROM (SELECT pg_advisory_xact_lock_shared(" + LOCK_KEY + ") OFFSET 0) AS locked";

    /** PostgreSQL: how long a reader waits for the units appending for the account. */
    static final String LOCK_WAIT = "2s";

    private final Session session;
    private final Engine engine;

    /** For tests: runs while a PostgreSQL reader holds the account's lock, before it reads. */
    volatile Runnable beforePage = () -> {};

    JdbiAuditLog(Session session, Engine engine) {
        this.session = Objects.requireNonNull(session, "session");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public void append(Seq<DomainEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        session.write("the audit log", handle -> {
            // PostgreSQL: a reader of an account's events waits for the units appending for it (see
            // newestFirst); units appending for one account do not wait for each other
            var accounts = events.map(event -> event.account().value()).distinct();
            String insert;
            if (engine != Engine.POSTGRESQL) {
                insert = INSERT;
            } else if (accounts.size() == 1) {
                // one account, as almost always: each row takes the lock itself, in the statement
                // that inserts it, so that the whole append is one batch (one round trip)
                insert = LOCKED_INSERT;
            } else {
                // several accounts: their locks first, in one order, as every unit takes them
                for (var account : accounts.sorted()) {
                    handle.createQuery(
                                    "SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(" + LOCK_KEY + ")) AS locked")
                            .bind("account", account)
                            .mapTo(Integer.class)
                            .one();
                }
                insert = INSERT;
            }
            var batch = handle.prepareBatch(insert);
            for (var event : events) {
                batch.bind("account", event.account().value())
                        .bind("type", event.type().name())
                        .bind("at", Columns.micros(event.at()))
                        .bind("token", event.token().map(TokenId::value).getOrNull())
                        .bind("machine", event.machine().map(MachineId::value).getOrNull())
                        .bind("detail", event.detail().getOrNull())
                        .add();
            }
            batch.execute();
            return null;
        });
    }

    @Override
    public Seq<Entry> newestFirst(AccountId account, int limit, Option<Long> before) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("the limit is not negative");
        }
        if (engine == Engine.SQLITE || session.inUnit()) {
            // SQLite: one writer at a time, so sequence order is commit order. Inside a unit (not
            // how the use case reads): the unit's own snapshot and no ordering lock, which could
            // only be taken after that snapshot, and would hold the account's appenders until the
            // unit ends
            return session.read("the audit log", handle -> page(handle, account, limit, before));
        }
        // PostgreSQL: two units may take sequence numbers in one order and commit in the other, and
        // a reader that saw only the later number would page past the earlier one for good. Each
        // unit appending for the account holds its lock shared from before it takes a number until
        // it commits; the reader takes the lock exclusively, so it waits until the units that took
        // numbers have committed (or rolled back), and units that take numbers after it wait for
        // its transaction to end: what the read then sees has no gaps still to fill. (Numbers come
        // from the identity's sequence with its default CACHE 1, so they rise in the order taken.)
        // The wait is bounded: past LOCK_WAIT the read is refused as a conflict, and tried again.
        return session.readCommitted("the audit log", handle -> {
            handle.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT + "'");
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")) AS locked")
                    .bind("account", account.value())
                    .mapTo(Integer.class)
                    .one();
            beforePage.run();
            return page(handle, account, limit, before);
        });
    }

    private static Seq<Entry> page(Handle handle, AccountId account, int limit, Option<Long> before) {
        return List.ofAll(handle.createQuery("SELECT sequence, account_id, type, at, token_id, machine_id, detail"
                        + " FROM audit_events WHERE account_id = :account AND sequence < :before"
                        + " ORDER BY sequence DESC LIMIT :limit")
                .bind("account", account.value())
                .bind("before", before.getOrElse(Long.MAX_VALUE))
                .bind("limit", limit)
                .map((row, context) -> new Entry(
                        row.getLong("sequence"),
                        new DomainEvent(
                                EventType.valueOf(row.getString("type")),
                                Columns.instant(row, "at"),
                                new AccountId(row.getString("account_id")),
                                Columns.optionalText(row, "token_id").map(TokenId::new),
                                Columns.optionalText(row, "machine_id").map(MachineId::new),
                                Columns.optionalText(row, "detail"))))
                .list());
    }
}
