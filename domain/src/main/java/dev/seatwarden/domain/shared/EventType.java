package dev.seatwarden.domain.shared;

/** R17: the types of audit events, exactly as {@code domain-rules.md} lists them. */
public enum EventType {
    ACCOUNT_CREATED,
    ACCOUNT_CHANGED,
    TOKEN_CREATED,
    TOKEN_ROTATED,
    TOKEN_REVOKED,
    SEAT_ASSIGNED,
    SEAT_REACTIVATED,
    SEAT_RELEASED,
    SEAT_RELEASE_REFUSED,
    VERIFICATION_REFUSED
}
