package dev.seatwarden.domain.token;

import dev.seatwarden.domain.seat.MachineId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * R23: where a token was last verified from. The remote address and the user agent are what the
 * client sent, kept to a bounded length and stripped of control characters.
 */
public record LastUse(MachineId machine, Option<String> remoteAddress, Option<String> userAgent) {

    /** The most characters kept of a remote address or a user agent. */
    public static final int MAX_LENGTH = 256;

    public LastUse {
        Objects.requireNonNull(machine, "machine");
        remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress").flatMap(LastUse::clean);
        userAgent = Objects.requireNonNull(userAgent, "userAgent").flatMap(LastUse::clean);
    }

    private static Option<String> clean(String raw) {
        if (isCleanAscii(raw)) {
            return Option.some(raw);
        }
        var printable = raw.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (printable.isEmpty()) {
            return Option.none();
        }
        int end =
                printable.offsetByCodePoints(0, Math.min(MAX_LENGTH, printable.codePointCount(0, printable.length())));
        return Option.some(printable.substring(0, end));
    }

    /** Printable ASCII already, nothing to strip, not too long: what clean would give back unchanged. */
    private static boolean isCleanAscii(String raw) {
        int length = raw.length();
        if (length == 0 || length > MAX_LENGTH || raw.charAt(0) == ' ' || raw.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
