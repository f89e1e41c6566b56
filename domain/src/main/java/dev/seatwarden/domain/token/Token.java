package dev.seatwarden.domain.token;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Outcome;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The token aggregate: a named credential of one account and one kind, stored only as the hash of
 * its secret (R5). Its seat is the separate {@code Seat} aggregate, keyed by the token's id.
 * Immutable; every change returns the next state with its events.
 *
 * @param id the token's id
 * @param account the account that created it, the only one that may administer it (R9)
 * @param kind API or INTEGRATION (R3)
 * @param name its name (R4)
 * @param assignee who it is shared with, if anyone (R4)
 * @param secretHash the hash of its current secret (R5)
 * @param hint the last 4 characters of its current secret (R5)
 * @param previousSecret the secret the last rotation replaced, while its grace period lasts (R19)
 * @param createdAt when it was created
 * @param expiresAt when it expires, if ever (R20)
 * @param revocation when and why it was revoked, if it was (R8)
 * @param lastUsedAt its last successful verification, with R10's granularity
 * @param lastUse where that verification came from (R23)
 * @param version the stored version this state was read at (0 for a token never stored)
 */
public record Token(
        TokenId id,
        AccountId account,
        TokenKind kind,
        TokenName name,
        Option<Assignee> assignee,
        SecretHash secretHash,
        String hint,
        Option<PreviousSecret> previousSecret,
        Instant createdAt,
        Option<Instant> expiresAt,
        Option<Revocation> revocation,
        Option<Instant> lastUsedAt,
        Option<LastUse> lastUse,
        long version) {

    public Token {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(previousSecret, "previousSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(lastUse, "lastUse");
    }

    /** A new token whose secret hashes to {@code hash}; the caller shows the secret once (R5). */
    public static Outcome<Token> create(
            TokenId id,
            AccountId account,
            TokenKind kind,
            TokenName name,
            Option<Assignee> assignee,
            SecretHash hash,
            String hint,
            Option<Instant> expiresAt,
            Instant now) {
        var token = new Token(
                id,
                account,
                kind,
                name,
                assignee,
                hash,
                hint,
                Option.none(),
                now,
                expiresAt,
                Option.none(),
                Option.none(),
                Option.none(),
                0);
        return Outcome.of(token, token.event(EventType.TOKEN_CREATED, now, Option.some(kind.name())));
    }

    /** R8. */
    public boolean isRevoked() {
        return revocation.isDefined();
    }

    /** R20: expired from its expiry time on. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.exists(expiry -> !now.isBefore(expiry));
    }

    /** R7: whether it takes one of its account's integration slots at {@code now}. */
    public boolean holdsIntegrationSlot(Instant now) {
        return kind == TokenKind.INTEGRATION && !isRevoked() && !isExpiredAt(now);
    }

    /** R10: the status, decided in the rule's order; exactly at the end of the window it is IDLE. */
    public TokenStatus statusAt(Instant now, LicensingSettings settings) {
        if (isRevoked()) {
            return TokenStatus.REVOKED;
        }
        if (isExpiredAt(now)) {
            return TokenStatus.EXPIRED;
        }
        if (lastUsedAt.isEmpty()) {
            return TokenStatus.NEVER_USED;
        }
        return now.isBefore(lastUsedAt.get().plus(settings.recentUseWindow()))
                ? TokenStatus.IN_RECENT_USE
                : TokenStatus.IDLE;
    }

    /**
     * R6, R19: whether a secret with {@code hash} verifies as this token at {@code now}: the current
     * secret, or the replaced one during its grace period.
     */
    public boolean acceptsSecret(SecretHash hash, Instant now) {
        return secretHash.equals(hash)
                || previousSecret.exists(previous -> previous.hash().equals(hash) && previous.acceptedAt(now));
    }

    /**
     * R8, R21: revoke for good; a second time is {@code TOKEN_ALREADY_REVOKED}. A replaced secret
     * still in its grace period (R19) stays known, so that it too answers {@code TOKEN_REVOKED}.
     */
    public Either<Refusal, Outcome<Token>> revoke(RevocationReason reason, Instant now) {
        if (isRevoked()) {
            return Either.left(new Refusal.TokenAlreadyRevoked());
        }
        var next = changed(
                secretHash,
                hint,
                previousSecret,
                Option.some(new Revocation(now, reason)),
                lastUsedAt,
                lastUse,
                version);
        return Either.right(Outcome.of(next, event(EventType.TOKEN_REVOKED, now, Option.some(reason.name()))));
    }

    /**
     * R19: a new secret, same id, name, kind, seat and history. The old secret is accepted for
     * {@code grace} more (zero: not at all); a secret replaced earlier is dropped at once.
     */
    public Either<Refusal, Outcome<Token>> rotate(SecretHash newHash, String newHint, Duration grace, Instant now) {
        if (isRevoked()) {
            return Either.left(new Refusal.TokenRevoked());
        }
        var previous = grace.isZero()
                ? Option.<PreviousSecret>none()
                : Option.some(new PreviousSecret(secretHash, now.plus(grace)));
        var next = changed(newHash, newHint, previous, revocation, lastUsedAt, lastUse, version);
        return Either.right(Outcome.of(
                next, event(EventType.TOKEN_ROTATED, now, Option.some("graceMinutes=" + grace.toMinutes()))));
    }

    /**
     * R10, R23: the token after a successful verification, or none when nothing need be written:
     * the first use is recorded at once, later ones once {@code granularity} has passed since the
     * last recorded one.
     */
    public Option<Token> recordUse(LastUse use, Instant now, Duration granularity) {
        boolean due = lastUsedAt.forAll(last -> !now.isBefore(last.plus(granularity)));
        return due ? Option.some(withUse(use, now)) : Option.none();
    }

    /** R10, R23: the token with this use recorded, whatever the granularity. */
    public Token withUse(LastUse use, Instant now) {
        return changed(secretHash, hint, previousSecret, revocation, Option.some(now), Option.some(use), version);
    }

    private DomainEvent event(EventType type, Instant at, Option<String> detail) {
        return DomainEvent.ofToken(type, at, account, id, Option.none(), detail);
    }

    /** The same state, as stored at {@code storedVersion}; for stores. */
    public Token withVersion(long storedVersion) {
        return changed(secretHash, hint, previousSecret, revocation, lastUsedAt, lastUse, storedVersion);
    }

    /** The token with its changeable state replaced; identity, kind, name and dates stay. */
    private Token changed(
            SecretHash hash,
            String newHint,
            Option<PreviousSecret> previous,
            Option<Revocation> newRevocation,
            Option<Instant> usedAt,
            Option<LastUse> use,
            long newVersion) {
        return new Token(
                id,
                account,
                kind,
                name,
                assignee,
                hash,
                newHint,
                previous,
                createdAt,
                expiresAt,
                newRevocation,
                usedAt,
                use,
                newVersion);
    }
}
