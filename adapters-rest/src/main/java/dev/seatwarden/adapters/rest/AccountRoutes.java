package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.domain.shared.FieldError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/** The signed-in account itself and its audit log. */
final class AccountRoutes {

    private final RestUseCases useCases;
    private final SessionRoutes sessions;

    AccountRoutes(RestUseCases useCases, SessionRoutes sessions) {
        this.useCases = useCases;
        this.sessions = sessions;
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/v1/account", this::account),
                new Endpoint("GET", "/v1/audit-events", this::audit));
    }

    private Answer account(Exchange exchange) {
        return sessions.authenticated(
                exchange,
                account -> useCases.getAccount()
                        .getAccount(new GetAccountUseCase.Query(account))
                        .map(view -> Answer.json(
                                200,
                                JsonBodies.write(new Representations.SessionAccountJson(
                                        Representations.account(view),
                                        useCases.authenticateSession()
                                                .csrfTokenOf(exchange.cookie(SessionRoutes.COOKIE)
                                                        .get())))))
                        // An account that went away since its session began has no session any more.
                        .getOrElse(() -> Problems.access(
                                new AccessRefusal.AuthenticationRequired(), exchange.path(), useCases.clock())));
    }

    private Answer audit(Exchange exchange) {
        return sessions.authenticated(exchange, account -> {
            var limit = single(exchange, "limit")
                    .flatMap(text -> text.isEmpty() ? Validation.valid(50) : parseLimit(text.get()));
            var before = single(exchange, "before")
                    .flatMap(text -> text.isDefined() && text.get().isEmpty()
                            ? Validation.<FieldError, Option<String>>invalid(
                                    new FieldError("before", "must be a cursor from next"))
                            : Validation.valid(text));
            var query = Validation.combine(limit, before).ap((l, b) -> new ListAuditEventsUseCase.Query(account, l, b));
            if (query.isInvalid()) {
                return Problems.validation(exchange.path(), query.getError().toList());
            }
            return useCases.listAuditEvents()
                    .listAuditEvents(query.get())
                    .fold(
                            refusal -> Problems.refusal(
                                    refusal, Problems.Surface.MANAGEMENT, exchange.path(), useCases.clock()),
                            page -> Answer.json(200, JsonBodies.write(Representations.auditPage(page))));
        });
    }

    private static Validation<FieldError, Integer> parseLimit(String text) {
        if (text.matches("[0-9]{1,3}")) {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 200) {
                return Validation.valid(value);
            }
        }
        return Validation.invalid(new FieldError("limit", "must be an integer from 1 to 200"));
    }

    /** A query parameter given at most once. */
    static Validation<FieldError, Option<String>> single(Exchange exchange, String name) {
        var values = exchange.query(name);
        if (values.isEmpty()) {
            return Validation.valid(Option.none());
        }
        return values.get().size() == 1
                ? Validation.valid(Option.some(values.get().head()))
                : Validation.invalid(new FieldError(name, "must be given once"));
    }
}
