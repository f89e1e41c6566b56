package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** The owner releases a token's seat, within the account's quota (R14). Refusals in order: {@code TOKEN_NOT_FOUND} (R9), {@code TOKEN_REVOKED}, {@code SEAT_NOT_ASSIGNED}, {@code SEAT_RELEASE_RATE_LIMITED}. */
public interface ReleaseSeatUseCase {

    Either<Refusal, TokenView> releaseSeat(Command command);

    record Command(AccountId actor, TokenId token) {}
}
