package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** {@link AuditLog} in memory; thread-safe. */
public final class InMemoryAuditLog implements AuditLog, Snapshotting {

    /** Newest first. */
    private volatile List<Entry> entries = List.empty();

    private volatile long lastSequence;

    @Override
    public synchronized void append(Seq<DomainEvent> events) {
        var next = entries;
        for (var event : events) {
            next = next.prepend(new Entry(++lastSequence, event));
        }
        entries = next;
    }

    @Override
    public Seq<Entry> newestFirst(AccountId account, int limit, Option<Long> before) {
        return entries.filter(entry -> entry.event().account().equals(account))
                .filter(entry -> before.forAll(cursor -> entry.sequence() < cursor))
                .take(limit);
    }

    @Override
    public Object snapshot() {
        return Tuple.of(entries, lastSequence);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        var state = (Tuple2<List<Entry>, Long>) snapshot;
        entries = state._1;
        lastSequence = state._2;
    }
}
