package dev.seatwarden.domain.token;

import java.time.Instant;
import java.util.Objects;

/** R8: when and why a token was revoked; there is no way back. */
public record Revocation(Instant at, RevocationReason reason) {
    public Revocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
