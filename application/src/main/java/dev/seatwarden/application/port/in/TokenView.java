package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenStatus;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A token as every management answer shows it: never the secret, never its hash (R5).
 *
 * @param hint the last 4 characters of the current secret
 * @param lastUse where the last successful verification came from (R23)
 * @param status R10's status now
 */
public record TokenView(
        TokenId id,
        String name,
        TokenKind kind,
        Option<String> assignee,
        String hint,
        Instant createdAt,
        Option<Instant> expiresAt,
        Option<Instant> lastUsedAt,
        Option<LastUse> lastUse,
        Option<Instant> revokedAt,
        Option<RevocationReason> revocationReason,
        TokenStatus status,
        SeatView seat) {}
