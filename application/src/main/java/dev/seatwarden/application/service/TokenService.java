package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.licensing.TokenDraft;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** The owner's use cases about tokens: create, list, get, revoke, rotate. */
final class TokenService
        implements CreateTokenUseCase, ListTokensUseCase, GetTokenUseCase, RevokeTokenUseCase, RotateTokenUseCase {

    private final Ports ports;
    private final UnitOfWork work;
    private final Views views;
    private final Licensing licensing;

    TokenService(Ports ports, UnitOfWork work, Views views, Licensing licensing) {
        this.ports = ports;
        this.work = work;
        this.views = views;
        this.licensing = licensing;
    }

    @Override
    public Either<Refusal, TokenWithSecret> createToken(CreateTokenUseCase.Command command) {
        var now = ports.clock().instant();
        return TokenDraft.validate(command.name(), command.kind(), command.assignee(), command.expiresAt(), now)
                .flatMap(draft -> work.run(() -> {
                    var account = ports.accounts().findById(command.actor());
                    if (account.isEmpty()) {
                        throw new IllegalStateException("the acting account does not exist");
                    }
                    var secret = ports.secretGenerator().generate(draft.kind());
                    var hash = ports.secretHasher().hash(secret);
                    // R7 counts integration tokens only: an API token's creation need not read
                    // all of the account's tokens (which made creating many of them quadratic).
                    var accountTokens = draft.kind() == TokenKind.INTEGRATION
                            ? ports.tokens().ofAccount(command.actor())
                            : List.<Token>empty();
                    return licensing
                            .create(
                                    account.get(),
                                    accountTokens,
                                    draft,
                                    ports.idGenerator().newTokenId(),
                                    secret,
                                    hash,
                                    now)
                            .map(created -> {
                                // Touching the account serialises concurrent creations of
                                // integration tokens, so that their slot count cannot be overrun
                                // (R7, R16). API tokens have no limit: their creations need not
                                // queue on the account (on PostgreSQL they would all conflict).
                                if (draft.kind() == TokenKind.INTEGRATION) {
                                    ports.accounts().save(account.get());
                                }
                                ports.tokens().save(created.token());
                                ports.seats().save(created.seat());
                                ports.auditLog().append(created.events());
                                return new TokenWithSecret(views.token(created.token(), created.seat(), now), secret);
                            });
                }));
    }

    @Override
    public Seq<TokenView> listTokens(ListTokensUseCase.Query query) {
        // Reads run as a unit too, so that each token and its seat come from one committed state.
        return work.run(() -> {
            var now = ports.clock().instant();
            return ports.tokens()
                    .ofAccount(query.actor())
                    .filter(token -> query.kind().forAll(kind -> kind == token.kind()))
                    .map(token -> views.token(token, seatOf(token), now))
                    .toList();
        });
    }

    @Override
    public Either<Refusal, TokenView> getToken(GetTokenUseCase.Query query) {
        return work.run(() -> {
            var now = ports.clock().instant();
            return owned(query.actor(), query.token()).map(token -> views.token(token, seatOf(token), now));
        });
    }

    @Override
    public Either<Refusal, TokenView> revokeToken(RevokeTokenUseCase.Command command) {
        return work.run(() -> {
            var now = ports.clock().instant();
            return owned(command.actor(), command.token()).flatMap(token -> {
                var seat = seatOf(token);
                return licensing
                        .revoke(token, seat, RevocationReason.OWNER, now)
                        .map(changed -> {
                            ports.tokens().save(changed.token());
                            changed.seat().forEach(ports.seats()::save);
                            ports.auditLog().append(changed.events());
                            return views.token(changed.token(), changed.seat().getOrElse(seat), now);
                        });
            });
        });
    }

    @Override
    public Either<Refusal, TokenWithSecret> rotateToken(RotateTokenUseCase.Command command) {
        // R19's order: a grace period out of bounds is refused before the token is even looked up,
        // so that the answer is the same for the owner, another account (R9) and an unknown id.
        var grace = licensing.checkGrace(command.graceMinutes());
        if (grace.isLeft()) {
            return Either.left(grace.getLeft());
        }
        return work.run(() -> {
            var now = ports.clock().instant();
            return owned(command.actor(), command.token()).flatMap(token -> {
                var secret = ports.secretGenerator().generate(token.kind());
                var hash = ports.secretHasher().hash(secret);
                return licensing
                        .rotate(token, secret, hash, command.graceMinutes(), now)
                        .map(rotated -> {
                            ports.tokens().save(rotated.value());
                            ports.auditLog().append(rotated.events());
                            return new TokenWithSecret(views.token(rotated.value(), seatOf(token), now), secret);
                        });
            });
        });
    }

    private Either<Refusal, Token> owned(AccountId actor, TokenId id) {
        return TokenLookup.owned(ports.tokens(), actor, id);
    }

    private Seat seatOf(Token token) {
        return TokenLookup.seatOf(ports.seats(), token);
    }
}
