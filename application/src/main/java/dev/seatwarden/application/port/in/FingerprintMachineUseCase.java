package dev.seatwarden.application.port.in;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.domain.seat.MachineId;
import io.vavr.control.Either;

/** {@code machine-id}: this machine's fingerprint, as the client commands send it in {@code X-Machine-Id}. */
public interface FingerprintMachineUseCase {

    Either<ClientFailure, MachineId> fingerprint();
}
