package dev.seatwarden.bootstrap;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;

/** The domain's refusals as exit codes: VALIDATION_FAILED is a usage error (2), any other is 4. */
final class Refusals {

    private Refusals() {}

    /** The value, or a {@link CommandFailure} naming the refusal's code (and fields) on standard error. */
    static <T> T orFail(Either<Refusal, T> result) {
        return result.getOrElseThrow(Refusals::failure);
    }

    static CommandFailure failure(Refusal refusal) {
        if (refusal instanceof Refusal.ValidationFailed invalid) {
            var message = new StringBuilder("refused: ").append(refusal.code());
            invalid.errors()
                    .forEach(error -> message.append(System.lineSeparator())
                            .append("  ")
                            .append(error.field())
                            .append(": ")
                            .append(error.message()));
            return new CommandFailure(ExitCode.USAGE, message.toString());
        }
        var message = new StringBuilder("refused: ").append(refusal.code());
        if (refusal instanceof Refusal.SeatReleaseRateLimited limited) {
            message.append(" (retry at ").append(limited.retryAt()).append(')');
        } else if (refusal instanceof Refusal.SeatAssignedToOtherMachine assigned) {
            message.append(" (auto-release at ")
                    .append(assigned.autoReleaseAt())
                    .append(')');
        }
        return new CommandFailure(ExitCode.REFUSED, message.toString());
    }
}
