package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.AuditPage;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

/** R17: the owner's audit log, newest first, a page at a time. */
final class AuditService implements ListAuditEventsUseCase {

    static final int MAX_LIMIT = 200;

    private final Ports ports;

    AuditService(Ports ports) {
        this.ports = ports;
    }

    @Override
    public Either<Refusal, AuditPage> listAuditEvents(ListAuditEventsUseCase.Query query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            return Either.left(Refusal.ValidationFailed.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        var before = query.before().map(AuditService::parseCursor);
        if (before.exists(Option::isEmpty)) {
            return Either.left(
                    Refusal.ValidationFailed.of("before", "is not a cursor: use the next value of an earlier page"));
        }
        var entries = ports.auditLog().newestFirst(query.actor(), query.limit() + 1, before.flatMap(c -> c));
        var page = entries.take(query.limit());
        var next = entries.size() > query.limit() ? Option.some(cursor(page.last())) : Option.<String>none();
        return Either.right(new AuditPage(page.map(AuditService::view).toList(), next));
    }

    private static AuditEventView view(AuditLog.Entry entry) {
        var event = entry.event();
        return new AuditEventView(
                cursor(entry), event.at(), event.type(), event.token(), event.machine(), event.detail());
    }

    private static String cursor(AuditLog.Entry entry) {
        return Long.toString(entry.sequence());
    }

    private static Option<Long> parseCursor(String raw) {
        return Try.of(() -> Long.parseLong(raw)).toOption().filter(n -> n > 0 && raw.equals(Long.toString(n)));
    }
}
