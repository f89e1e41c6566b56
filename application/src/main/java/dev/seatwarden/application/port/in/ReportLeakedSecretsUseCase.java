package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** R21: revokes, with reason {@code LEAKED}, every well-formed, known, unrevoked secret submitted. The answer is the number of strings received, whatever they were; only 0 or more than 100 strings is {@code VALIDATION_FAILED}. */
public interface ReportLeakedSecretsUseCase {

    Either<Refusal, Integer> reportLeaked(Command command);

    record Command(List<String> secrets) {
        public Command {
            // No list at all is a report of no secrets, which is refused like an empty one.
            secrets = secrets == null ? List.empty() : secrets;
        }

        @Override
        public String toString() {
            return "Command[" + secrets.size() + " secrets]";
        }
    }
}
