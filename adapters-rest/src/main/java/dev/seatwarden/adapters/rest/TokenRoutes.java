package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.JsonBodies.Fields;
import dev.seatwarden.adapters.rest.Problems.Surface;
import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.function.BiFunction;

/** The account's tokens: create, list, show, revoke, rotate, release the seat. */
final class TokenRoutes {

    private final RestUseCases useCases;
    private final SessionRoutes sessions;

    TokenRoutes(RestUseCases useCases, SessionRoutes sessions) {
        this.useCases = useCases;
        this.sessions = sessions;
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/v1/tokens", this::create),
                new Endpoint("GET", "/v1/tokens", this::list),
                new Endpoint("GET", "/v1/tokens/{id}", this::show),
                new Endpoint("POST", "/v1/tokens/{id}/revoke", this::revoke),
                new Endpoint("POST", "/v1/tokens/{id}/rotate", this::rotate),
                new Endpoint("POST", "/v1/tokens/{id}/seat/release", this::release));
    }

    private Answer create(Exchange exchange) {
        return sessions.authenticated(
                exchange,
                account -> JsonBodies.objectBody(exchange).fold(refused -> refused, body -> {
                    var fields = new Fields(body);
                    var unknown = fields.unknown("name", "kind", "assignee", "expiresAt");
                    var kind = fields.requiredString("kind").flatMap(TokenRoutes::kind);
                    var command = Validation.combine(
                                    fields.requiredString("name"),
                                    kind,
                                    fields.optionalString("assignee"),
                                    fields.optionalInstant("expiresAt"))
                            .ap((name, k, assignee, expiresAt) ->
                                    new CreateTokenUseCase.Command(account, name, k, assignee.getOrNull(), expiresAt));
                    if (unknown.nonEmpty() || command.isInvalid()) {
                        return Problems.validation(
                                exchange.path(),
                                unknown.appendAll(command.isInvalid() ? command.getError() : List.empty())
                                        .toList());
                    }
                    return useCases.createToken()
                            .createToken(command.get())
                            .fold(
                                    refusal -> refused(exchange, refusal),
                                    created -> Answer.json(
                                                    201, JsonBodies.write(Representations.tokenWithSecret(created)))
                                            .withHeader(
                                                    "Location",
                                                    "/v1/tokens/"
                                                            + created.token()
                                                                    .id()
                                                                    .value()));
                }));
    }

    private Answer list(Exchange exchange) {
        return sessions.authenticated(exchange, account -> {
            var kind = AccountRoutes.single(exchange, "kind")
                    .flatMap(text -> text.isEmpty()
                            ? Validation.<FieldError, Option<TokenKind>>valid(Option.none())
                            : kind(text.get()).map(Option::some));
            if (kind.isInvalid()) {
                return Problems.validation(exchange.path(), List.of(kind.getError()));
            }
            var tokens = useCases.listTokens().listTokens(new ListTokensUseCase.Query(account, kind.get()));
            return Answer.json(
                    200,
                    JsonBodies.write(new Representations.TokensJson(
                            tokens.map(Representations::token).toJavaList())));
        });
    }

    private Answer show(Exchange exchange) {
        return sessions.authenticated(
                exchange,
                account -> answer(
                        exchange, useCases.getToken().getToken(new GetTokenUseCase.Query(account, tokenId(exchange)))));
    }

    private Answer revoke(Exchange exchange) {
        return withoutBody(
                exchange,
                (account, token) -> useCases.revokeToken().revokeToken(new RevokeTokenUseCase.Command(account, token)));
    }

    private Answer release(Exchange exchange) {
        return withoutBody(
                exchange,
                (account, token) -> useCases.releaseSeat().releaseSeat(new ReleaseSeatUseCase.Command(account, token)));
    }

    private Answer rotate(Exchange exchange) {
        return sessions.authenticated(
                exchange,
                account -> JsonBodies.objectBody(exchange).fold(refused -> refused, body -> {
                    var fields = new Fields(body);
                    var unknown = fields.unknown("graceMinutes");
                    var grace = fields.optionalInteger("graceMinutes");
                    if (unknown.nonEmpty() || grace.isInvalid()) {
                        return Problems.validation(
                                exchange.path(),
                                unknown.appendAll(grace.isInvalid() ? List.of(grace.getError()) : List.empty())
                                        .toList());
                    }
                    return useCases.rotateToken()
                            .rotateToken(new RotateTokenUseCase.Command(
                                    account, tokenId(exchange), grace.get().getOrElse(0L)))
                            .fold(
                                    refusal -> refused(exchange, refusal),
                                    rotated -> Answer.json(
                                            200, JsonBodies.write(Representations.tokenWithSecret(rotated))));
                }));
    }

    private Answer withoutBody(Exchange exchange, BiFunction<AccountId, TokenId, Either<Refusal, TokenView>> change) {
        return sessions.authenticated(
                exchange,
                account -> SessionRoutes.noBody(exchange)
                        .getOrElse(() -> answer(exchange, change.apply(account, tokenId(exchange)))));
    }

    private Answer answer(Exchange exchange, Either<Refusal, TokenView> result) {
        return result.fold(
                refusal -> refused(exchange, refusal),
                token -> Answer.json(200, JsonBodies.write(Representations.token(token))));
    }

    private Answer refused(Exchange exchange, Refusal refusal) {
        return Problems.refusal(refusal, Surface.MANAGEMENT, exchange.path(), useCases.clock());
    }

    private static TokenId tokenId(Exchange exchange) {
        // Routing gives a non-empty segment; a blank one (spaces) names no token either.
        var raw = exchange.param("id");
        return new TokenId(raw.isBlank() ? "-" : raw);
    }

    private static Validation<FieldError, TokenKind> kind(String text) {
        return text.equals("API") || text.equals("INTEGRATION")
                ? Validation.valid(TokenKind.valueOf(text))
                : Validation.invalid(new FieldError("kind", "must be API or INTEGRATION"));
    }
}
