package dev.seatwarden.application.port.in;

/** R13, R20: frees, and records, every stored seat whose machine has been inactive for the period or whose token has expired. Verification does not wait for it: the rules see such seats as free anyway. */
public interface SweepInactiveSeatsUseCase {

    int sweep();
}
