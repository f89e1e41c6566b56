package dev.seatwarden.domain.shared;

import io.vavr.control.Either;

/** R4's rules for human-given text: trimmed, bounded in code points, no control or format characters. */
public final class Text {

    private Text() {}

    /**
     * Checks and normalises one text field.
     *
     * @param field the field's name, for the refusal
     * @param raw the text as given (may be {@code null})
     * @param minCodePoints the least number of code points after trimming
     * @param maxCodePoints the most
     * @return the trimmed text, or the fault naming the field
     */
    public static Either<FieldError, String> check(String field, String raw, int minCodePoints, int maxCodePoints) {
        if (raw == null) {
            return minCodePoints > 0 ? Either.left(new FieldError(field, "is required")) : Either.right("");
        }
        var trimmed = raw.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < minCodePoints) {
            return Either.left(new FieldError(field, length == 0 ? "is required" : "is too short"));
        }
        if (length > maxCodePoints) {
            return Either.left(new FieldError(field, "must be at most " + maxCodePoints + " characters"));
        }
        boolean forbidden = trimmed.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT;
        });
        if (forbidden) {
            return Either.left(new FieldError(field, "must not contain control or format characters"));
        }
        return Either.right(trimmed);
    }
}
