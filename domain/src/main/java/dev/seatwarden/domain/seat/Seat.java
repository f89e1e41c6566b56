package dev.seatwarden.domain.seat;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.Outcome;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The seat aggregate: the one seat of one token (R11), either {@link FreeSeat} or
 * {@link AssignedSeat} to exactly one machine. State is type: a transition returns the next type.
 *
 * <p>A stored seat may still say ASSIGNED after its machine fell inactive; {@link #effectiveAt}
 * gives the state the rules see (R13: free whether or not a sweep has run).
 */
public sealed interface Seat permits FreeSeat, AssignedSeat {

    /** The token this seat belongs to; also its identity. */
    TokenId token();

    /** The account owning that token. */
    AccountId account();

    /** The stored version this state was read at (0 for a seat never stored). */
    long version();

    /** The same state, as stored at {@code storedVersion}; for stores. */
    Seat withVersion(long storedVersion);

    /** The seat of a new token: free, never released. */
    static FreeSeat of(TokenId token, AccountId account) {
        return new FreeSeat(token, account, Option.none(), 0);
    }

    /**
     * R13: the seat as the rules see it at {@code now}: an assigned seat whose machine has been
     * inactive for the period is free, with the automatic release to record.
     */
    default Outcome<Seat> effectiveAt(Instant now, InactivityPolicy inactivity) {
        if (this instanceof AssignedSeat assigned && inactivity.isInactive(assigned.lastActivityAt(), now)) {
            return assigned.freeAs(ReleaseKind.AUTO, Option.none(), now).map(Seat.class::cast);
        }
        return Outcome.of(this);
    }

    /**
     * R12, R13, R15: a successful verification from {@code machine} at {@code now}, or
     * {@code SEAT_ASSIGNED_TO_OTHER_MACHINE} with the moment the seat would free itself.
     *
     * @param refreshAfter R10: a continuing machine's activity is written again only once this much
     *     time has passed since the recorded activity
     */
    default Either<Refusal, Claim> claim(
            MachineId machine, Instant now, InactivityPolicy inactivity, Duration refreshAfter) {
        var effective = effectiveAt(now, inactivity);
        var events = effective.events();
        if (effective.value() instanceof AssignedSeat assigned) {
            if (!assigned.machine().equals(machine)) {
                return Either.left(
                        new Refusal.SeatAssignedToOtherMachine(inactivity.autoReleaseAt(assigned.lastActivityAt())));
            }
            boolean refresh = !now.isBefore(assigned.lastActivityAt().plus(refreshAfter));
            var next = refresh ? assigned.activeAt(now) : assigned;
            return Either.right(new Claim(next, Assignment.CONTINUING, refresh, events));
        }
        var free = (FreeSeat) effective.value();
        var assignment = free.releasedManuallyFrom().contains(machine) ? Assignment.REACTIVATED : Assignment.NEW;
        var next = new AssignedSeat(token(), account(), machine, now, now, version());
        var type = assignment == Assignment.REACTIVATED ? EventType.SEAT_REACTIVATED : EventType.SEAT_ASSIGNED;
        var event = DomainEvent.ofToken(type, now, account(), token(), Option.some(machine), Option.none());
        return Either.right(new Claim(next, assignment, true, events.append(event)));
    }

    /**
     * R14, R22, R8, R20: release the seat for {@code kind}; a seat that is free at {@code now}
     * (R13 included) is {@code SEAT_NOT_ASSIGNED}. Quota is the account's business, not the seat's.
     *
     * @param reason the operator's reason, for {@link ReleaseKind#OPERATOR}
     */
    default Either<Refusal, Outcome<FreeSeat>> release(
            ReleaseKind kind, Option<String> reason, Instant now, InactivityPolicy inactivity) {
        var effective = effectiveAt(now, inactivity);
        if (effective.value() instanceof AssignedSeat assigned) {
            return Either.right(assigned.freeAs(kind, reason, now));
        }
        return Either.left(new Refusal.SeatNotAssigned());
    }

    /**
     * What a successful claim produced.
     *
     * @param seat the seat after the claim, assigned to the claiming machine
     * @param assignment how the machine got it
     * @param changed whether the seat must be written
     * @param events what to record
     */
    record Claim(
            AssignedSeat seat, Assignment assignment, boolean changed, io.vavr.collection.List<DomainEvent> events) {}
}
