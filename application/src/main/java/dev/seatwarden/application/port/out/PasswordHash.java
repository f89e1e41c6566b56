package dev.seatwarden.application.port.out;

import java.util.Objects;

/**
 * A password as stored: the encoded output of a memory-hard hash function (for Argon2id the PHC
 * string {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), salt and parameters included. Never the
 * password; {@link #toString()} hides even the hash.
 */
public record PasswordHash(String encoded) {
    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("a password hash is not blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
