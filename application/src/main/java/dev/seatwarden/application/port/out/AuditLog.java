package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/** R17: the append-only record of every change. */
public interface AuditLog {

    /** Appends events in order; each gets a sequence number larger than any before it. */
    void append(Seq<DomainEvent> events);

    /**
     * One account's events, newest first: at most {@code limit}, with sequence numbers below
     * {@code before} if given.
     */
    Seq<Entry> newestFirst(AccountId account, int limit, Option<Long> before);

    /** A stored event and its sequence number. */
    record Entry(long sequence, DomainEvent event) {
        public Entry {
            Objects.requireNonNull(event, "event");
        }
    }
}
