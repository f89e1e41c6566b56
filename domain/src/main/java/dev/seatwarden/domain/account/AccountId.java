package dev.seatwarden.domain.account;

import java.util.Objects;

/** The opaque id of an account ({@code acc_…}). */
public record AccountId(String value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an account id is not blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
