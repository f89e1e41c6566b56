package dev.seatwarden.domain.token;

/** R8, R21: why a token was revoked. */
public enum RevocationReason {
    /** Its owner revoked it. */
    OWNER,
    /** Someone reported its secret as leaked. */
    LEAKED
}
