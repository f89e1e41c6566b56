package dev.seatwarden.domain.token;

import java.util.Objects;

/**
 * R5: the one-way hash of a secret, the only form in which a secret is stored. It is used to find a
 * presented secret's token and is never returned by a read path; {@link #toString()} hides it.
 *
 * @param value the hash, as the configured hasher writes it (lower-case hex)
 */
public record SecretHash(String value) {
    public SecretHash {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret hash is not blank");
        }
    }

    @Override
    public String toString() {
        return "SecretHash[hidden]";
    }
}
