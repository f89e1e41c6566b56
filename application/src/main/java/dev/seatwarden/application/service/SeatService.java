package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.OperatorReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.SweepInactiveSeatsUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Releasing seats: by the owner (R14), by an operator (R22), by the sweep (R13, R20). */
final class SeatService implements ReleaseSeatUseCase, OperatorReleaseSeatUseCase, SweepInactiveSeatsUseCase {

    private final Ports ports;
    private final UnitOfWork work;
    private final Views views;
    private final Licensing licensing;

    SeatService(Ports ports, UnitOfWork work, Views views, Licensing licensing) {
        this.ports = ports;
        this.work = work;
        this.views = views;
        this.licensing = licensing;
    }

    @Override
    public Either<Refusal, TokenView> releaseSeat(ReleaseSeatUseCase.Command command) {
        return work.run(() -> {
            var now = ports.clock().instant();
            return TokenLookup.owned(ports.tokens(), command.actor(), command.token())
                    .flatMap(token -> {
                        var account = TokenLookup.accountOf(ports.accounts(), token);
                        var seat = TokenLookup.seatOf(ports.seats(), token);
                        var released = licensing.releaseManually(account, token, seat, now);
                        if (released.isLeft()) {
                            if (released.getLeft() instanceof Refusal.SeatReleaseRateLimited) {
                                ports.auditLog()
                                        .append(List.of(licensing.releaseRefused(token, released.getLeft(), now)));
                            }
                            return Either.left(released.getLeft());
                        }
                        var outcome = released.get();
                        // Saving the account even when only its quota changed is what makes concurrent
                        // releases across its seats conflict, so the window's limit holds (R16).
                        outcome.account().forEach(ports.accounts()::save);
                        ports.seats().save(outcome.seat());
                        ports.auditLog().append(outcome.events());
                        return Either.right(views.token(token, outcome.seat(), now));
                    });
        });
    }

    @Override
    public Either<Refusal, TokenView> releaseSeatAsOperator(OperatorReleaseSeatUseCase.Command command) {
        return work.run(() -> {
            var now = ports.clock().instant();
            return licensing
                    .checkReason(command.reason())
                    .flatMap(reason -> ports.tokens().findById(command.token()).toEither(Refusal.TokenNotFound::new))
                    .flatMap(token -> {
                        var seat = TokenLookup.seatOf(ports.seats(), token);
                        return licensing
                                .releaseByOperator(token, seat, command.reason(), now)
                                .map(released -> {
                                    ports.seats().save(released.seat());
                                    ports.auditLog().append(released.events());
                                    return views.token(token, released.seat(), now);
                                });
                    });
        });
    }

    @Override
    public int sweep() {
        int released = 0;
        var listedAt = ports.clock().instant();
        for (var stored : ports.seats().assigned()) {
            // Most seats have nothing to sweep. The rules first judge the seat as listed, with its
            // token read outside any unit of work: a seat with nothing to do then costs one read,
            // not a unit that waits its turn among the writers (issue 7: every assigned seat took
            // a unit every minute). A seat that needs a change is decided again inside its unit; one
            // that comes to need it after it was listed is left to the next sweep, as a seat that a
            // verification is changing is already.
            try {
                var listed = ports.tokens().findById(stored.token());
                if (listed.isEmpty()
                        || licensing.sweep(listed.get(), stored, listedAt).isEmpty()) {
                    continue;
                }
                released += work.run(() -> {
                    var now = ports.clock().instant();
                    var seat = ports.seats().findByToken(stored.token());
                    var token = ports.tokens().findById(stored.token());
                    if (seat.isEmpty() || token.isEmpty()) {
                        return 0;
                    }
                    return licensing
                            .sweep(token.get(), seat.get(), now)
                            .map(outcome -> {
                                ports.seats().save(outcome.value());
                                ports.auditLog().append(outcome.events());
                                return 1;
                            })
                            .getOrElse(0);
                });
            } catch (ConcurrentUpdateException busy) {
                // A verification or a release is changing this seat right now (or its token's read
                // kept meeting changes): the next sweep sees it; the other seats are swept now.
            }
        }
        return released;
    }
}
