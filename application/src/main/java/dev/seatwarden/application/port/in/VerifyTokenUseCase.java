package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Verifies a presented secret from a machine on one surface (R2, R3, R6, R8, R11–R13, R15, R20, R23), refusing with the first failing check in the order of {@code domain-rules.md}. */
public interface VerifyTokenUseCase {

    Either<Refusal, VerificationResult> verify(Command command);

    /**
     * @param surface the kind of token this surface accepts (R3)
     * @param secret the presented secret, none if none was sent
     * @param machineId the presented machine id, none if none was sent
     * @param remoteAddress the client's address, for R23
     * @param userAgent the client's {@code User-Agent}, for R23
     */
    record Command(
            TokenKind surface,
            Option<String> secret,
            Option<String> machineId,
            Option<String> remoteAddress,
            Option<String> userAgent) {
        public Command {
            // An adapter that passes null for an optional value means "none".
            secret = secret == null ? Option.none() : secret;
            machineId = machineId == null ? Option.none() : machineId;
            remoteAddress = remoteAddress == null ? Option.none() : remoteAddress;
            userAgent = userAgent == null ? Option.none() : userAgent;
        }

        @Override
        public String toString() {
            return "Command[surface=" + surface + ", secret=hidden, machineId=" + machineId + "]";
        }
    }
}
