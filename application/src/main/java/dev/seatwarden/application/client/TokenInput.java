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

    private TokenInput() {}

    public static Either<String, Secret> parse(String raw) {
        var token = raw == null ? "" : raw.strip();
        if (token.isEmpty()) {
            return Either.left("no token was given");
        }
        if (token.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return Either.left(
                    "the token has white space inside it (a space, a tab or a line break);" + " give it as one piece");
        }
        return SecretFormat.parse(token)
                .mapLeft(malformed -> "not a Seatwarden token: "
                        + SecretFormat.diagnose(token).getOrElse("it fails the format check"));
    }
}
