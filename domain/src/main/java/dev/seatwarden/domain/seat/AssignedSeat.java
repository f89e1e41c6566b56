package dev.seatwarden.domain.seat;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.Outcome;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A seat held by one machine.
 *
 * @param machine the machine holding it (R11)
 * @param assignedAt when that machine got it
 * @param lastActivityAt its last recorded activity, with R10's granularity (R13 counts from here)
 */
public record AssignedSeat(
        TokenId token, AccountId account, MachineId machine, Instant assignedAt, Instant lastActivityAt, long version)
        implements Seat {
    public AssignedSeat {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(assignedAt, "assignedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    }

    AssignedSeat activeAt(Instant now) {
        return new AssignedSeat(token, account, machine, assignedAt, now, version);
    }

    /** Frees the seat for {@code kind}, with the {@code SEAT_RELEASED} event; no checks. */
    public Outcome<FreeSeat> freeAs(ReleaseKind kind, Option<String> reason, Instant now) {
        var free = new FreeSeat(
                token, account, kind == ReleaseKind.MANUAL ? Option.some(machine) : Option.none(), version);
        var detail = kind.name() + reason.map(r -> ": " + r).getOrElse("");
        return Outcome.of(
                free,
                DomainEvent.ofToken(
                        EventType.SEAT_RELEASED, now, account, token, Option.some(machine), Option.some(detail)));
    }

    @Override
    public AssignedSeat withVersion(long storedVersion) {
        return new AssignedSeat(token, account, machine, assignedAt, lastActivityAt, storedVersion);
    }
}
