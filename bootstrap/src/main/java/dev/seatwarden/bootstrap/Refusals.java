package dev.seatwarden.bootstrap;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;

/**
 * The domain's refusals as exit codes: VALIDATION_FAILED is a usage error (2), printed as the
 * options at fault and why; any other is 4, printed as {@code refused: CODE}.
 */
final class Refusals {

    private Refusals() {}

    /** The value, or a {@link CommandFailure} naming the refusal's code (and fields) on standard error. */
    static <T> T orFail(Either<Refusal, T> result) {
        return result.getOrElseThrow(Refusals::failure);
    }

    static CommandFailure failure(Refusal refusal) {
        if (refusal instanceof Refusal.ValidationFailed invalid) {
            // A usage error like any other: the option and what is wrong with its value, one per line.
            var message = invalid.errors()
                    .map(error -> option(error.field()) + ": " + error.message())
                    .mkString(System.lineSeparator() + "seatwarden: ");
            return new CommandFailure(ExitCode.USAGE, message);
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

    /** A use case's field as the option that gave it: {@code integrationLimit} is {@code --integration-limit}. */
    static String option(String field) {
        return "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
