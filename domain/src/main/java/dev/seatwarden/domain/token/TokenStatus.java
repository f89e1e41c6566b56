package dev.seatwarden.domain.token;

/** R10: what a token's owner sees of its state, decided in this order. */
public enum TokenStatus {
    REVOKED,
    EXPIRED,
    NEVER_USED,
    IN_RECENT_USE,
    IDLE
}
