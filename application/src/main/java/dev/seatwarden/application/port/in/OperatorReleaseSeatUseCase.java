package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** An operator releases any token's seat whatever the quota, with a reason (R22). Refusals in order: {@code VALIDATION_FAILED} (reason), {@code TOKEN_NOT_FOUND}, {@code TOKEN_REVOKED}, {@code SEAT_NOT_ASSIGNED}. */
public interface OperatorReleaseSeatUseCase {

    Either<Refusal, TokenView> releaseSeatAsOperator(Command command);

    record Command(TokenId token, String reason) {}
}
