package dev.seatwarden.domain.seat;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * R11: an opaque machine fingerprint, 1–128 characters from U+0021 to U+007E.
 */
public record MachineId(String value) {

    /** The most characters a machine id may have. */
    public static final int MAX_LENGTH = 128;

    public MachineId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid machine id");
        }
    }

    /** Parses untrusted input; {@code null} or anything outside R11 is {@code MACHINE_ID_INVALID}. */
    public static Either<Refusal, MachineId> parse(String raw) {
        return raw != null && isValid(raw)
                ? Either.right(new MachineId(raw))
                : Either.left(new Refusal.MachineIdInvalid());
    }

    private static boolean isValid(String s) {
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
