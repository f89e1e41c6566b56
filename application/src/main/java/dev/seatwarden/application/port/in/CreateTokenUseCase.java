package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/** Creates a token; its secret is in the answer and nowhere else, ever (R5). Refusals in order: {@code VALIDATION_FAILED} (R4, R20), {@code SUBSCRIPTION_INACTIVE} / {@code PLAN_NOT_ELIGIBLE} (R1), {@code INTEGRATION_TOKEN_LIMIT_REACHED} (R7). */
public interface CreateTokenUseCase {

    Either<Refusal, TokenWithSecret> createToken(Command command);

    /**
     * @param actor the account creating it, its owner from now on (R9)
     * @param kind {@code null} if the caller gave none
     * @param assignee {@code null} or blank for none
     * @param expiresAt a moment in the future, or none for never (R20)
     */
    record Command(AccountId actor, String name, TokenKind kind, String assignee, Option<Instant> expiresAt) {
        public Command {
            // An adapter that passes null for an optional value means "none".
            expiresAt = expiresAt == null ? Option.none() : expiresAt;
        }
    }
}
