package dev.seatwarden.domain.token;

import java.time.Instant;
import java.util.Objects;

/** R19: the secret a rotation replaced, still accepted until {@code validUntil} (exclusive). */
public record PreviousSecret(SecretHash hash, Instant validUntil) {
    public PreviousSecret {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** Whether it is still accepted at {@code now}. */
    public boolean acceptedAt(Instant now) {
        return now.isBefore(validUntil);
    }
}
