package dev.seatwarden.domain.seat;

/** R12, R15: how a successful verification got its seat. */
public enum Assignment {
    /** The seat was free (or freed by inactivity) and is now this machine's. */
    NEW,
    /** The seat was already this machine's. */
    CONTINUING,
    /** The seat went back to the machine it was manually released from (R15). */
    REACTIVATED
}
