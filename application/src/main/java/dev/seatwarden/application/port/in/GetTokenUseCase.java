package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** One token of the acting account; any other is {@code TOKEN_NOT_FOUND} (R9). */
public interface GetTokenUseCase {

    Either<Refusal, TokenView> getToken(Query query);

    record Query(AccountId actor, TokenId token) {}
}
