package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.MachineIdentity;
import dev.seatwarden.domain.seat.MachineId;
import io.vavr.control.Either;
import java.util.Objects;

/** A machine whose fingerprint is given: for tests, and for clients that know their machine by other means. */
public final class InMemoryMachineIdentity implements MachineIdentity {

    private final MachineId fingerprint;

    public InMemoryMachineIdentity(MachineId fingerprint) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public Either<String, MachineId> fingerprint() {
        return Either.right(fingerprint);
    }
}
