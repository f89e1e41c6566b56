package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/** What clients do with a secret: verify it (R12) or report it leaked (R21). */
final class VerificationService implements VerifyTokenUseCase, ReportLeakedSecretsUseCase {

    /** R21: the most secrets one report may carry. */
    static final int MAX_SECRETS_PER_REPORT = 100;

    private final Ports ports;
    private final UnitOfWork work;
    private final Licensing licensing;
    private final VerificationCache cache;

    VerificationService(Ports ports, UnitOfWork work, Licensing licensing, VerificationCache cache) {
        this.ports = ports;
        this.work = work;
        this.licensing = licensing;
        this.cache = cache;
    }

    @Override
    public Either<Refusal, VerificationResult> verify(VerifyTokenUseCase.Command command) {
        return licensing
                .present(command.surface(), command.secret(), command.machineId())
                .flatMap(presented -> {
                    var hash = ports.secretHasher().hash(presented.secret());
                    var use = new LastUse(presented.machine(), command.remoteAddress(), command.userAgent());
                    var inMemory = cache.find(hash);
                    var cached = inMemory.flatMap(facts -> fromMemory(facts, hash, presented, use));
                    if (cached.isDefined()) {
                        return Either.right(cached.get());
                    }
                    var stamp = cache.stamp();
                    // facts in memory that call for a change (or a refusal) go to a unit at once
                    if (inMemory.isEmpty() && cache.knows(hash)) {
                        var steady = outsideAUnit(hash, presented, use);
                        if (steady.isDefined()) {
                            cache.put(hash, steady.get().facts(), stamp);
                            return Either.right(steady.get().result());
                        }
                    }
                    var checked = work.run(() -> fromStore(hash, presented, use));
                    checked.readOnly().forEach(facts -> cache.put(hash, facts, stamp));
                    return checked.result();
                });
    }

    /**
     * The answer from facts read a moment ago, when it is a success that changes nothing (R10:
     * same machine, use recorded under a minute ago). Anything else (a refusal, which is recorded
     * by R17, or a change) is decided again on the store, in a unit of work.
     */
    private Option<VerificationResult> fromMemory(
            VerificationCache.Facts facts, SecretHash hash, Licensing.Presented presented, LastUse use) {
        var now = ports.clock().instant();
        var token = facts.token();
        if (!token.acceptsSecret(hash, now)) {
            return Option.none();
        }
        var verified = licensing.verify(token, facts.account(), facts.seat(), use, now);
        if (verified.isLeft() || changesAnything(verified.get())) {
            return Option.none();
        }
        return Option.some(result(token, presented, verified.get()));
    }

    /**
     * A token verified here before whose facts are no longer in memory (they expired, or a change
     * removed them) is most likely in its steady state: its facts are read outside a unit of work
     * (on SQLite, beside the writer instead of in its queue behind every commit; on PostgreSQL,
     * without a transaction's round trips), and answered from if that is a success that changes
     * nothing. Anything else is decided again in a unit, as {@link #fromStore}. The facts are put in
     * the cache as those read in a unit are: with the stamp taken before the reads, so a change
     * announced since refuses them, or removes them once announced (the cache's comment). Where
     * the store reads the token, account and seat one after the other, the three may straddle a
     * commit; every change that ends a read-only success (revocation, expiry, a lapse or plan
     * change, a release) shows in the later reads as a refusal or a change, which goes to a unit.
     * The port must see only committed state outside a unit, and, where commits are promised
     * durable, only durable state ({@code VerificationReads}).
     */
    private Option<Steady> outsideAUnit(SecretHash hash, Licensing.Presented presented, LastUse use) {
        return facts(hash, ports.clock().instant())
                .flatMap(facts -> fromMemory(facts, hash, presented, use).map(result -> new Steady(facts, result)));
    }

    /** The token this secret verifies as now (as {@link #known}), with its account and seat, in one read. */
    private Option<VerificationCache.Facts> facts(SecretHash hash, Instant now) {
        return ports.verificationReads()
                .findBySecretHash(hash)
                .filter(found -> found.token().acceptsSecret(hash, now))
                .map(found -> new VerificationCache.Facts(
                        found.token(),
                        found.account().getOrElseThrow(() -> TokenLookup.noAccount(found.token())),
                        found.seat().getOrElseThrow(() -> TokenLookup.noSeat(found.token()))));
    }

    private record Steady(VerificationCache.Facts facts, VerificationResult result) {}

    /** The verification on the store, and the facts it read when it changed nothing. */
    private Checked fromStore(SecretHash hash, Licensing.Presented presented, LastUse use) {
        var now = ports.clock().instant();
        var read = facts(hash, now);
        if (read.isEmpty()) {
            return Checked.refused(new Refusal.TokenUnknown());
        }
        var token = read.get().token();
        var account = read.get().account();
        var seat = read.get().seat();
        var verified = licensing.verify(token, account, seat, use, now);
        if (verified.isLeft()) {
            ports.auditLog()
                    .append(List.of(licensing.verificationRefused(
                            token, Option.some(presented.machine()), verified.getLeft(), now)));
            return Checked.refused(verified.getLeft());
        }
        var outcome = verified.get();
        var result = Either.<Refusal, VerificationResult>right(result(token, presented, outcome));
        if (!changesAnything(outcome)) {
            return new Checked(result, read);
        }
        outcome.account().forEach(ports.accounts()::save);
        outcome.token().forEach(ports.tokens()::save);
        outcome.seat().forEach(ports.seats()::save);
        if (!outcome.events().isEmpty()) {
            ports.auditLog().append(outcome.events());
        }
        return new Checked(result, Option.none());
    }

    private static boolean changesAnything(Licensing.Verified outcome) {
        return outcome.account().isDefined()
                || outcome.token().isDefined()
                || outcome.seat().isDefined()
                || !outcome.events().isEmpty();
    }

    private static VerificationResult result(Token token, Licensing.Presented presented, Licensing.Verified outcome) {
        return new VerificationResult(
                token.account(),
                token.id(),
                token.kind(),
                presented.machine(),
                outcome.assignment(),
                outcome.autoReleaseAt());
    }

    /** A verification's answer, and the facts it read if they may be reused. */
    private record Checked(Either<Refusal, VerificationResult> result, Option<VerificationCache.Facts> readOnly) {
        static Checked refused(Refusal refusal) {
            return new Checked(Either.left(refusal), Option.none());
        }
    }

    @Override
    public Either<Refusal, Integer> reportLeaked(ReportLeakedSecretsUseCase.Command command) {
        var secrets = command.secrets();
        if (secrets.isEmpty() || secrets.size() > MAX_SECRETS_PER_REPORT) {
            return Either.left(
                    Refusal.ValidationFailed.of("secrets", "must hold 1 to " + MAX_SECRETS_PER_REPORT + " secrets"));
        }
        for (var raw : secrets) {
            SecretFormat.parse(raw).forEach(secret -> {
                var hash = ports.secretHasher().hash(secret);
                work.run(() -> {
                    var now = ports.clock().instant();
                    known(hash, now).filter(token -> !token.isRevoked()).forEach(token -> {
                        var seat = TokenLookup.seatOf(ports.seats(), token);
                        licensing
                                .revoke(token, seat, RevocationReason.LEAKED, now)
                                .forEach(changed -> {
                                    ports.tokens().save(changed.token());
                                    changed.seat().forEach(ports.seats()::save);
                                    ports.auditLog().append(changed.events());
                                });
                    });
                    return null;
                });
            });
        }
        return Either.right(secrets.size());
    }

    /** The token this secret verifies as now: its current secret, or its previous one in grace (R19). */
    private Option<Token> known(SecretHash hash, Instant now) {
        return ports.tokens().findBySecretHash(hash).filter(token -> token.acceptsSecret(hash, now));
    }
}
