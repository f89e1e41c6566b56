package dev.seatwarden.domain.shared;

import java.util.Objects;

/**
 * One fault of one input field, as reported by {@link Refusal.ValidationFailed}.
 *
 * @param field the field's name as the caller knows it ({@code name}, {@code assignee}, …)
 * @param message what is wrong with it, never echoing a secret
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
