package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.seat.MachineId;
import io.vavr.control.Either;

/** This machine's fingerprint, as clients send it in {@code X-Machine-Id}. */
public interface MachineIdentity {

    /** The fingerprint; the left says why there is none (in words for a message). */
    Either<String, MachineId> fingerprint();
}
