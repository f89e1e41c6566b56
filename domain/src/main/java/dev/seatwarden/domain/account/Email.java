package dev.seatwarden.domain.account;

import dev.seatwarden.domain.shared.FieldError;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Objects;

/**
 * An account's e-mail address: kept as given (trimmed), compared without regard to case through
 * {@link #canonical()}.
 */
public record Email(String value) {

    public Email {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
    }

    /** Parses untrusted input: trimmed, at most 254 characters, one {@code @} with text on both sides. */
    public static Either<FieldError, Email> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Either.left(new FieldError("email", "is required"));
        }
        var s = raw.strip();
        return isValid(s)
                ? Either.right(new Email(s))
                : Either.left(new FieldError("email", "is not an e-mail address"));
    }

    private static boolean isValid(String s) {
        int at = s.indexOf('@');
        return s.length() <= 254
                && at > 0
                && at == s.lastIndexOf('@')
                && at < s.length() - 1
                && s.codePoints()
                        .noneMatch(cp -> Character.isWhitespace(cp)
                                || Character.isSpaceChar(cp)
                                || Character.isISOControl(cp)
                                || Character.getType(cp) == Character.FORMAT);
    }

    /** The form used to compare addresses: lower case. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Whether both name the same mailbox, ignoring case. */
    public boolean sameAs(Email other) {
        return canonical().equals(other.canonical());
    }
}
