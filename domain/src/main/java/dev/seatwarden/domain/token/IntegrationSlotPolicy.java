package dev.seatwarden.domain.token;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * R7: API tokens have no limit; the non-revoked, unexpired integration tokens of an account never
 * exceed its integration token limit. A slot frees the moment its token is revoked or expires.
 */
public final class IntegrationSlotPolicy {

    private IntegrationSlotPolicy() {}

    /** How many integration slots {@code tokens} (one account's) hold at {@code now}. */
    public static int slotsInUse(Seq<Token> tokens, Instant now) {
        return tokens.count(token -> token.holdsIntegrationSlot(now));
    }

    /** Allows one more token of {@code kind}, or refuses it when the account's slots are used. */
    public static Either<Refusal, TokenKind> check(TokenKind kind, int limit, int inUse) {
        if (kind == TokenKind.INTEGRATION && inUse >= limit) {
            return Either.left(new Refusal.IntegrationTokenLimitReached(limit));
        }
        return Either.right(kind);
    }
}
