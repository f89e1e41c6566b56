package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.SeatView;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.PlanEligibility;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.IntegrationSlotPolicy;
import dev.seatwarden.domain.token.Revocation;
import dev.seatwarden.domain.token.Token;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** Turns aggregates into what the use cases answer: no secret, no hash, the rules' view of now. */
final class Views {

    private final Licensing licensing;

    Views(Licensing licensing) {
        this.licensing = licensing;
    }

    TokenView token(Token token, Seat storedSeat, Instant now) {
        return new TokenView(
                token.id(),
                token.name().value(),
                token.kind(),
                token.assignee().map(a -> a.value()),
                token.hint(),
                token.createdAt(),
                token.expiresAt(),
                token.lastUsedAt(),
                token.lastUse(),
                token.revocation().map(Revocation::at),
                token.revocation().map(Revocation::reason),
                token.statusAt(now, licensing.settings()),
                seat(licensing.settle(token, storedSeat, now).value()));
    }

    SeatView seat(Seat seat) {
        if (seat instanceof AssignedSeat assigned) {
            return new SeatView(
                    true,
                    Option.some(assigned.machine()),
                    Option.some(assigned.assignedAt()),
                    Option.some(assigned.lastActivityAt()),
                    Option.some(licensing.autoReleaseAt(assigned)));
        }
        return SeatView.free();
    }

    AccountView account(Account account, Seq<Token> tokens, Instant now) {
        var settings = licensing.settings();
        var eligibility = PlanEligibility.check(account);
        return new AccountView(
                account.id(),
                account.email().value(),
                account.plan(),
                account.subscription(),
                account.integrationTokenLimit(settings),
                IntegrationSlotPolicy.slotsInUse(tokens, now),
                settings.manualReleaseLimit(),
                settings.manualReleaseWindow(),
                licensing.nextReleaseAt(account, now),
                eligibility.isRight(),
                eligibility.swap().map(Refusal::code).toOption(),
                account.createdAt());
    }
}
