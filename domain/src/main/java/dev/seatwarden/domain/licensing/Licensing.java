package dev.seatwarden.domain.licensing;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.PlanEligibility;
import dev.seatwarden.domain.account.SeatReleasePolicy;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.InactivityPolicy;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.ReleaseKind;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Outcome;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.shared.Text;
import dev.seatwarden.domain.token.IntegrationSlotPolicy;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The licensing rules that span the Token, Seat and Account aggregates, as pure functions of their
 * states, the settings and the moment ({@code now}, from the caller's clock, R18). The application
 * loads the aggregates, calls one of these and stores what comes back.
 */
public final class Licensing {

    /** R22: the most code points of an operator's reason. */
    public static final int MAX_REASON_CODE_POINTS = 500;

    private final LicensingSettings settings;
    private final InactivityPolicy inactivity;
    private final SeatReleasePolicy releases;

    public Licensing(LicensingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inactivity = InactivityPolicy.from(settings);
        this.releases = SeatReleasePolicy.from(settings);
    }

    public LicensingSettings settings() {
        return settings;
    }

    // ---- verification -------------------------------------------------------------------------

    /**
     * The checks a verification makes before any lookup, in the order of {@code domain-rules.md}:
     * {@code TOKEN_MISSING}, {@code TOKEN_MALFORMED}, {@code TOKEN_KIND_MISMATCH},
     * {@code MACHINE_ID_INVALID}.
     *
     * @param surface the kind of token the verification surface accepts (R3)
     */
    public Either<Refusal, Presented> present(TokenKind surface, Option<String> secret, Option<String> machine) {
        return presentedSecret(surface, secret)
                .flatMap(parsed -> MachineId.parse(machine.getOrNull()).map(id -> new Presented(parsed, id)));
    }

    /**
     * The secret's own checks, before any lookup, in the order of {@code domain-rules.md}:
     * {@code TOKEN_MISSING}, {@code TOKEN_MALFORMED} (R6), {@code TOKEN_KIND_MISMATCH} (R3). An
     * adapter that treats the secret as the request's authentication may ask them first.
     */
    public static Either<Refusal, Secret> presentedSecret(TokenKind surface, Option<String> secret) {
        if (secret.isEmpty() || secret.get().isEmpty()) {
            return Either.left(new Refusal.TokenMissing());
        }
        return SecretFormat.parse(secret.get())
                .flatMap(parsed -> parsed.kind() == surface
                        ? Either.<Refusal, Secret>right(parsed)
                        : Either.left(new Refusal.TokenKindMismatch()));
    }

    /** A presented secret and machine that passed the offline checks. */
    public record Presented(Secret secret, MachineId machine) {}

    /**
     * A verification of a token found by its secret's hash, from {@code machine}: in order
     * {@code TOKEN_REVOKED}, {@code TOKEN_EXPIRED}, {@code SUBSCRIPTION_INACTIVE},
     * {@code PLAN_NOT_ELIGIBLE}, {@code SEAT_ASSIGNED_TO_OTHER_MACHINE}; else the seat claimed (R12,
     * R13, R15) and the use recorded (R10, R23).
     */
    public Either<Refusal, Verified> verify(Token token, Account account, Seat seat, LastUse use, Instant now) {
        if (token.isRevoked()) {
            return Either.left(new Refusal.TokenRevoked());
        }
        if (token.isExpiredAt(now)) {
            return Either.left(new Refusal.TokenExpired());
        }
        return PlanEligibility.check(account)
                .flatMap(eligible -> seat.claim(use.machine(), now, inactivity, settings.useRecordingGranularity()))
                .map(claim -> {
                    boolean quota = claim.assignment() == Assignment.REACTIVATED && settings.reactivationUsesQuota();
                    var nextAccount = quota ? Option.some(account.withQuotaUse(releases, now)) : Option.<Account>none();
                    // When the seat is written anyway, the use is written with it.
                    var nextToken = claim.changed()
                            ? Option.some(token.withUse(use, now))
                            : token.recordUse(use, now, settings.useRecordingGranularity());
                    var nextSeat = claim.changed() ? Option.<Seat>some(claim.seat()) : Option.<Seat>none();
                    return new Verified(
                            nextToken,
                            nextSeat,
                            nextAccount,
                            claim.events(),
                            claim.assignment(),
                            inactivity.autoReleaseAt(claim.seat().lastActivityAt()));
                });
    }

    /**
     * What a successful verification changed: each aggregate is present only if it must be written,
     * so that a verification that changes nothing writes nothing (R10).
     *
     * @param autoReleaseAt when the seat frees itself if the machine stays inactive
     */
    public record Verified(
            Option<Token> token,
            Option<Seat> seat,
            Option<Account> account,
            List<DomainEvent> events,
            Assignment assignment,
            Instant autoReleaseAt) {}

    /** R17: the event of a refused verification of a known token. */
    public DomainEvent verificationRefused(Token token, Option<MachineId> machine, Refusal refusal, Instant now) {
        return DomainEvent.ofToken(
                EventType.VERIFICATION_REFUSED, now, token.account(), token.id(), machine, Option.some(refusal.code()));
    }

    // ---- tokens -------------------------------------------------------------------------------

    /**
     * R1, R7: a new token for {@code account}, whose tokens so far are {@code accountTokens}. The
     * draft was checked before (R4, R20), so validation comes first.
     */
    public Either<Refusal, Created> create(
            Account account,
            Seq<Token> accountTokens,
            TokenDraft draft,
            TokenId id,
            Secret secret,
            SecretHash hash,
            Instant now) {
        if (secret.kind() != draft.kind()) {
            throw new IllegalArgumentException("the secret must be of the draft's kind");
        }
        return PlanEligibility.check(account)
                .flatMap(eligible -> IntegrationSlotPolicy.check(
                        draft.kind(),
                        account.integrationTokenLimit(settings),
                        IntegrationSlotPolicy.slotsInUse(accountTokens, now)))
                .map(kind -> {
                    var token = Token.create(
                            id,
                            account.id(),
                            kind,
                            draft.name(),
                            draft.assignee(),
                            hash,
                            secret.hint(),
                            draft.expiresAt(),
                            now);
                    return new Created(token.value(), Seat.of(id, account.id()), token.events());
                });
    }

    /** A token just created, with its free seat. */
    public record Created(Token token, FreeSeat seat, List<DomainEvent> events) {}

    /**
     * R8, R21: revoke {@code token}; its seat is released without using quota.
     */
    public Either<Refusal, Changed> revoke(Token token, Seat seat, RevocationReason reason, Instant now) {
        return token.revoke(reason, now).map(revoked -> {
            var settled = settle(token, seat, now);
            var freed = settled.value() instanceof AssignedSeat assigned
                    ? assigned.freeAs(ReleaseKind.REVOCATION, Option.none(), now)
                            .map(Seat.class::cast)
                    : settled;
            var changedSeat = freed.events().isEmpty() ? Option.<Seat>none() : Option.some(freed.value());
            return new Changed(revoked.value(), changedSeat, revoked.events().appendAll(freed.events()));
        });
    }

    /**
     * R19: a rotation's grace period, 0 to the settings' maximum (1440 minutes by default), else
     * {@code VALIDATION_FAILED} naming {@code graceMinutes}. Checked before the token is looked up.
     */
    public Either<Refusal, Duration> checkGrace(long graceMinutes) {
        long max = settings.maxRotationGrace().toMinutes();
        if (graceMinutes < 0 || graceMinutes > max) {
            return Either.left(Refusal.ValidationFailed.of("graceMinutes", "must be between 0 and " + max));
        }
        return Either.right(Duration.ofMinutes(graceMinutes));
    }

    /**
     * R19: the token with a new secret; the old one is accepted for {@code graceMinutes} more.
     * In order: {@code VALIDATION_FAILED} (grace), {@code TOKEN_REVOKED}.
     */
    public Either<Refusal, Outcome<Token>> rotate(
            Token token, Secret newSecret, SecretHash newHash, long graceMinutes, Instant now) {
        return checkGrace(graceMinutes).flatMap(grace -> token.rotate(newHash, newSecret.hint(), grace, now));
    }

    // ---- seats --------------------------------------------------------------------------------

    /**
     * The seat as the rules see it at {@code now}: free if its token is revoked (R8) or expired
     * (R20), or if its machine was inactive for the period (R13); with the release to record.
     */
    public Outcome<Seat> settle(Token token, Seat seat, Instant now) {
        if (seat instanceof AssignedSeat assigned && (token.isRevoked() || token.isExpiredAt(now))) {
            var kind = token.isRevoked() ? ReleaseKind.REVOCATION : ReleaseKind.EXPIRY;
            return assigned.freeAs(kind, Option.none(), now).map(Seat.class::cast);
        }
        return seat.effectiveAt(now, inactivity);
    }

    /**
     * R14, R15: the owner releases the seat. In order: {@code TOKEN_REVOKED},
     * {@code SEAT_NOT_ASSIGNED} (no quota used), {@code SEAT_RELEASE_RATE_LIMITED} with the moment
     * to retry. A release uses one unit of the account's quota.
     */
    public Either<Refusal, Released> releaseManually(Account account, Token token, Seat seat, Instant now) {
        if (token.isRevoked()) {
            return Either.left(new Refusal.TokenRevoked());
        }
        var settled = settle(token, seat, now).value();
        if (!(settled instanceof AssignedSeat assigned)) {
            return Either.left(new Refusal.SeatNotAssigned());
        }
        return releases.check(account.quotaUses(), now)
                .flatMap(allowed -> assigned.release(ReleaseKind.MANUAL, Option.none(), now, inactivity))
                .map(free ->
                        new Released(free.value(), Option.some(account.withQuotaUse(releases, now)), free.events()));
    }

    /** R17: the event of a manual release the rate limit refused. */
    public DomainEvent releaseRefused(Token token, Refusal refusal, Instant now) {
        return DomainEvent.ofToken(
                EventType.SEAT_RELEASE_REFUSED,
                now,
                token.account(),
                token.id(),
                Option.none(),
                Option.some(refusal.code()));
    }

    /**
     * R22: an operator releases the seat whatever the quota, with a mandatory reason (trimmed, 1–500
     * characters, no control characters). In order: {@code VALIDATION_FAILED}, {@code TOKEN_REVOKED},
     * {@code SEAT_NOT_ASSIGNED}.
     */
    public Either<Refusal, Released> releaseByOperator(Token token, Seat seat, String reason, Instant now) {
        return checkReason(reason).flatMap(checked -> {
            if (token.isRevoked()) {
                return Either.left(new Refusal.TokenRevoked());
            }
            return settle(token, seat, now)
                    .value()
                    .release(ReleaseKind.OPERATOR, Option.some(checked), now, inactivity)
                    .map(free -> new Released(free.value(), Option.none(), free.events()));
        });
    }

    /** R22: an operator's reason, trimmed: 1–500 characters, no control or format characters. */
    public Either<Refusal, String> checkReason(String reason) {
        return Text.check("reason", reason, 1, MAX_REASON_CODE_POINTS)
                .mapLeft(fault -> new Refusal.ValidationFailed(List.of(fault)));
    }

    /** A released seat, and the account if its quota was used. */
    public record Released(FreeSeat seat, Option<Account> account, List<DomainEvent> events) {}

    /** A changed token, and its seat if that changed too. */
    public record Changed(Token token, Option<Seat> seat, List<DomainEvent> events) {}

    /**
     * R13, R20: what a sweep stores for one seat: the automatic or expiry release, or none when the
     * stored seat is already what the rules see.
     */
    public Option<Outcome<Seat>> sweep(Token token, Seat seat, Instant now) {
        var settled = settle(token, seat, now);
        return settled.events().isEmpty() ? Option.none() : Option.some(settled);
    }

    /** R14: when the account may release a seat next; none if now. */
    public Option<Instant> nextReleaseAt(Account account, Instant now) {
        return account.nextReleaseAt(releases, now);
    }

    /** R13: when an assigned seat would free itself. */
    public Instant autoReleaseAt(AssignedSeat seat) {
        return inactivity.autoReleaseAt(seat.lastActivityAt());
    }
}
