package dev.seatwarden.domain.token;

import java.util.Objects;

/** The opaque id of a token ({@code tok_…}); not secret, unlike the token's secret. */
public record TokenId(String value) implements Comparable<TokenId> {
    public TokenId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a token id is not blank");
        }
    }

    @Override
    public int compareTo(TokenId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
