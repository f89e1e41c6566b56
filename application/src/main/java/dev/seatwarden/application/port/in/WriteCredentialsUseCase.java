package dev.seatwarden.application.port.in;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** {@code credentials write}: checks a given token's format (R6) offline and saves it in {@code credentials.json}. */
public interface WriteCredentialsUseCase {

    Either<ClientFailure, Written> writeCredentials(Command command);

    /**
     * @param token the token as given (surrounding white space is dropped)
     * @param file where to save, instead of the lookup order's first place
     */
    record Command(String token, Option<Path> file) {
        @Override
        public String toString() {
            return "Command[token=hidden, file=" + file + "]";
        }
    }

    /** @param file the saved file's full path */
    record Written(Path file, TokenKind kind) {}
}
