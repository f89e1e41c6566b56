package dev.seatwarden.application.client;

import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import io.vavr.control.Either;

/**
 * A token as a person pastes or pipes it: surrounding white space (the trailing newline of
 * {@code echo} or of a copied line) is dropped; white space inside, or anything that fails R6, is
 * refused with a reason that never repeats the token.
 */
public final class TokenInput {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private TokenInput() {}

    public static Either<String, Secret> parse(String raw) {
        var token = raw == null ? "" : stripSpace(raw);
        if (token.isEmpty()) {
            return Either.left("no token was given");
        }
        if (token.codePoints().anyMatch(TokenInput::isSpace)) {
            return Either.left(
                    "the token has white space inside it (a space, a tab or a line break);" + " give it as one piece");
        }
        return SecretFormat.parse(token)
                .mapLeft(malformed -> "not a Seatwarden token: "
                        + SecretFormat.diagnose(token).getOrElse("it fails the format check"));
    }

    /** White space as a person sees it: the JDK's white space and the no-break spaces a copy may bring. */
    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Drops white space around the token, and a byte order mark before it (a file saved by some editors). */
    private static String stripSpace(String raw) {
        int start = raw.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }
}
