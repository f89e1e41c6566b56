package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.JsonBodies.Fields;
import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignedIn;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.function.Function;

/** Signing in and out with the session cookie, and the gate every management request passes. */
final class SessionRoutes {

    static final String COOKIE = "seatwarden_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final RestUseCases useCases;

    SessionRoutes(RestUseCases useCases) {
        this.useCases = useCases;
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/v1/session", this::signIn),
                new Endpoint("DELETE", "/v1/session", this::signOut));
    }

    private Answer signIn(Exchange exchange) {
        return JsonBodies.objectBody(exchange).fold(refused -> refused, body -> {
            var fields = new Fields(body);
            var unknown = fields.unknown("email", "password");
            var command = Validation.combine(fields.requiredString("email"), fields.requiredString("password"))
                    .ap(SignInUseCase.Command::new);
            if (unknown.nonEmpty() || command.isInvalid()) {
                return Problems.validation(
                        exchange.path(),
                        unknown.appendAll(command.isInvalid() ? command.getError() : List.empty())
                                .toList());
            }
            return useCases.signIn()
                    .signIn(command.get())
                    .fold(
                            refusal -> Problems.access(refusal, exchange.path(), useCases.clock()),
                            signedIn -> signedIn(exchange, signedIn));
        });
    }

    private static Answer signedIn(Exchange exchange, SignedIn signedIn) {
        var body = new Representations.SignedInJson(Representations.account(signedIn.account()), signedIn.csrfToken());
        return Answer.json(200, JsonBodies.write(body))
                .withHeader(
                        "Set-Cookie",
                        COOKIE + "=" + signedIn.sessionId() + "; Path=/; HttpOnly; SameSite=Strict"
                                + (exchange.secure() ? "; Secure" : ""));
    }

    private Answer signOut(Exchange exchange) {
        return authenticated(
                exchange,
                account -> noBody(exchange).getOrElse(() -> {
                    exchange.cookie(COOKIE).forEach(useCases.signOut()::signOut);
                    return Answer.noContent()
                            .withHeader(
                                    "Set-Cookie",
                                    COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                                            + (exchange.secure() ? "; Secure" : ""));
                }));
    }

    /**
     * Answers {@code then} for the session's account; 401 without a live session, 403 for a
     * state-changing request without the session's CSRF token.
     */
    Answer authenticated(Exchange exchange, Function<AccountId, Answer> then) {
        var query = new AuthenticateSessionUseCase.Query(
                exchange.cookie(COOKIE), exchange.changesState(), exchange.header(CSRF_HEADER));
        return useCases.authenticateSession()
                .authenticate(query)
                .fold(refusal -> Problems.access(refusal, exchange.path(), useCases.clock()), then);
    }

    /**
     * For a request that takes no body: none if it has none or an empty object; else the problem
     * that refuses it.
     */
    static Option<Answer> noBody(Exchange exchange) {
        return JsonBodies.objectBody(exchange).fold(Option::some, body -> {
            if (body.isEmpty()) {
                return Option.none();
            }
            var unknown = new Fields(body).unknown();
            return unknown.isEmpty()
                    ? Option.none()
                    : Option.some(Problems.validation(exchange.path(), unknown.toList()));
        });
    }
}
