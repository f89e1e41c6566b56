package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** Revokes a token of the acting account for good, freeing its seat and slot (R8). Refusals: {@code TOKEN_NOT_FOUND} (R9), {@code TOKEN_ALREADY_REVOKED}. */
public interface RevokeTokenUseCase {

    Either<Refusal, TokenView> revokeToken(Command command);

    record Command(AccountId actor, TokenId token) {}
}
