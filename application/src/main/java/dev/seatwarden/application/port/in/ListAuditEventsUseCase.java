package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** R17: the acting account's audit events, newest first, a page at a time. A {@code limit} outside 1–200 or a malformed cursor is {@code VALIDATION_FAILED}; a cursor is the id of an event, and a page
 * lists the events older than it. */
public interface ListAuditEventsUseCase {

    Either<Refusal, AuditPage> listAuditEvents(Query query);

    /** @param before the {@code next} cursor of the previous page, none for the first */
    record Query(AccountId actor, int limit, Option<String> before) {
        public Query {
            // An adapter that passes null for an optional value means "none".
            before = before == null ? Option.none() : before;
        }
    }
}
