package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * An account as its owner and the operator see it.
 *
 * @param integrationTokenLimit R7: the limit in force (the operator's, else the plan's default)
 * @param integrationTokensInUse R7: the non-revoked, unexpired integration tokens
 * @param releaseLimit R14: manual releases allowed per window
 * @param releaseWindow R14: the window
 * @param nextReleaseAt R14: when the next manual release is allowed; none if now
 * @param canCreateTokens R1: whether plan and subscription allow new tokens
 * @param tokenCreationRefusal R1: why not, when they do not ({@code SUBSCRIPTION_INACTIVE} or
 *     {@code PLAN_NOT_ELIGIBLE}, as creating a token would be refused)
 */
public record AccountView(
        AccountId id,
        String email,
        Plan plan,
        Subscription subscription,
        int integrationTokenLimit,
        int integrationTokensInUse,
        int releaseLimit,
        Duration releaseWindow,
        Option<Instant> nextReleaseAt,
        boolean canCreateTokens,
        Option<String> tokenCreationRefusal,
        Instant createdAt) {}
