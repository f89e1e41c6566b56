package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** Gives a token of the acting account a new secret, shown once; the old one works for the grace period (R19). Refusals in order: {@code VALIDATION_FAILED} (grace), {@code TOKEN_NOT_FOUND} (R9), {@code TOKEN_REVOKED}. */
public interface RotateTokenUseCase {

    Either<Refusal, TokenWithSecret> rotateToken(Command command);

    /** @param graceMinutes 0 (the old secret stops at once) to 1440 */
    record Command(AccountId actor, TokenId token, long graceMinutes) {}
}
