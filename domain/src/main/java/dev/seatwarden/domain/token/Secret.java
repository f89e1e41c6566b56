package dev.seatwarden.domain.token;

import java.util.Objects;

/**
 * A token's secret in the format of R6. Exists only between its creation and the answer that shows
 * it once (R5), and while a presented secret is checked. {@link #toString()} never shows it.
 */
public final class Secret {

    private final TokenKind kind;
    private final String value;

    Secret(TokenKind kind, String value) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The kind named by the prefix (R3). */
    public TokenKind kind() {
        return kind;
    }

    /** The secret itself; to be shown once, or hashed, and to go nowhere else. */
    public String reveal() {
        return value;
    }

    /** R5: the hint listings show, the last 4 characters. */
    public String hint() {
        return value.substring(value.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + kind + ", …" + hint() + "]";
    }
}
