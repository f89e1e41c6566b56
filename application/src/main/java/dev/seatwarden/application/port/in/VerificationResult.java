package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import java.time.Instant;

/**
 * A successful verification (R12).
 *
 * @param assignment NEW, CONTINUING or REACTIVATED (R15: a dashboard warns about the latter)
 * @param autoReleaseAt when the seat frees itself if this machine stays inactive (R13)
 */
public record VerificationResult(
        AccountId accountId,
        TokenId tokenId,
        TokenKind kind,
        MachineId machine,
        Assignment assignment,
        Instant autoReleaseAt) {}
