package dev.seatwarden.application.memory;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.LicenseServer;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A license server in the same process: the verification use case itself, whatever the address.
 * For tests of the client, and for a team that runs the client beside its own server code.
 */
public final class InMemoryLicenseServer implements LicenseServer {

    private final VerifyTokenUseCase verification;

    public InMemoryLicenseServer(VerifyTokenUseCase verification) {
        this.verification = Objects.requireNonNull(verification, "verification");
    }

    @Override
    public Either<ClientFailure.ServerFailure, VerificationResult> verify(
            ServerAddress server, TokenKind surface, Secret secret, MachineId machine) {
        return verification
                .verify(new VerifyTokenUseCase.Command(
                        surface,
                        Option.some(secret.reveal()),
                        Option.some(machine.value()),
                        Option.none(),
                        Option.none()))
                .mapLeft(InMemoryLicenseServer::refused);
    }

    private static ClientFailure.ServerFailure refused(Refusal refusal) {
        var autoReleaseAt = refusal instanceof Refusal.SeatAssignedToOtherMachine held
                ? Option.some(held.autoReleaseAt())
                : Option.<Instant>none();
        return new ClientFailure.Refused(refusal.code(), Option.none(), Option.none(), autoReleaseAt);
    }
}
