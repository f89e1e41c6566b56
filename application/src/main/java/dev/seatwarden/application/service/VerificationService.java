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

    VerificationService(Ports ports, UnitOfWork work, Licensing licensing) {
        this.ports = ports;
        this.work = work;
        this.licensing = licensing;
    }

    @Override
    public Either<Refusal, VerificationResult> verify(VerifyTokenUseCase.Command command) {
        return licensing
                .present(command.surface(), command.secret(), command.machineId())
                .flatMap(presented -> {
                    var hash = ports.secretHasher().hash(presented.secret());
                    var use = new LastUse(presented.machine(), command.remoteAddress(), command.userAgent());
                    return work.run(() -> {
                        var now = ports.clock().instant();
                        var token = known(hash, now);
                        if (token.isEmpty()) {
                            return Either.left(new Refusal.TokenUnknown());
                        }
                        var account = TokenLookup.accountOf(ports.accounts(), token.get());
                        var seat = TokenLookup.seatOf(ports.seats(), token.get());
                        var verified = licensing.verify(token.get(), account, seat, use, now);
                        if (verified.isLeft()) {
                            ports.auditLog()
                                    .append(List.of(licensing.verificationRefused(
                                            token.get(), Option.some(presented.machine()), verified.getLeft(), now)));
                            return Either.left(verified.getLeft());
                        }
                        var outcome = verified.get();
                        outcome.account().forEach(ports.accounts()::save);
                        outcome.token().forEach(ports.tokens()::save);
                        outcome.seat().forEach(ports.seats()::save);
                        if (!outcome.events().isEmpty()) {
                            ports.auditLog().append(outcome.events());
                        }
                        var current = token.get();
                        return Either.right(new VerificationResult(
                                current.account(),
                                current.id(),
                                current.kind(),
                                presented.machine(),
                                outcome.assignment(),
                                outcome.autoReleaseAt()));
                    });
                });
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
