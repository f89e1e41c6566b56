package dev.seatwarden.application.port.out;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;

/** A Seatwarden server, as a client reaches it. */
public interface LicenseServer {

    /** Verifies {@code secret} from {@code machine} on the surface of {@code surface}'s kind (R3). */
    Either<ClientFailure.ServerFailure, VerificationResult> verify(
            ServerAddress server, TokenKind surface, Secret secret, MachineId machine);
}
