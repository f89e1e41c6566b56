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

/** {@link AuditLog} in the append-only {@code audit_events} table, keyed by an increasing sequence. */
final class JdbiAuditLog implements AuditLog {

    private final Session session;
    private final Engine engine;

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
            if (engine == Engine.POSTGRESQL) {
                // one account's events get their sequence numbers in the order their units commit:
                // a unit appending for an account waits (until it commits) for another doing so,
                // so a reader paging by sequence never sees a later number before an earlier one
                for (var account :
                        events.map(event -> event.account().value()).distinct().sorted()) {
                    handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:account, 0)))"
                                    + " AS locked")
                            .bind("account", account)
                            .mapTo(Integer.class)
                            .one();
                }
            }
            var batch = handle.prepareBatch("INSERT INTO audit_events (account_id, type, at, token_id, machine_id,"
                    + " detail) VALUES (:account, :type, :at, :token, :machine, :detail)");
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
        return session.read(
                "the audit log",
                handle -> List.ofAll(handle.createQuery(
                                "SELECT sequence, account_id, type, at, token_id, machine_id, detail"
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
                        .list()));
    }
}
