package dev.seatwarden.domain.seat;

/** R17: why a seat was released, the detail of a {@code SEAT_RELEASED} event. */
public enum ReleaseKind {
    /** By the owner, using the account's quota (R14). */
    MANUAL,
    /** After the inactivity period (R13). */
    AUTO,
    /** Because its token was revoked (R8). */
    REVOCATION,
    /** Because its token expired (R20). */
    EXPIRY,
    /** By an operator, with a reason (R22). */
    OPERATOR;

    /** Whether this release counts against the account's manual-release quota. */
    public boolean usesQuota() {
        return this == MANUAL;
    }
}
