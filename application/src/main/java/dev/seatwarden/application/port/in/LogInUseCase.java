package dev.seatwarden.application.port.in;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * {@code login}: verifies a given API token against a server from this machine, then saves it with
 * the server's address in {@code rpd_account.json}. Nothing is saved unless the server accepts it.
 */
public interface LogInUseCase {

    Either<ClientFailure, LoggedIn> logIn(Command command);

    /**
     * @param token the token as given (surrounding white space is dropped)
     * @param file where to save, instead of the lookup order's first place
     */
    record Command(ServerAddress host, String token, Option<Path> file) {
        @Override
        public String toString() {
            return "Command[host=" + host + ", token=hidden, file=" + file + "]";
        }
    }

    /** @param file the saved file's full path */
    record LoggedIn(Path file, ServerAddress host, VerificationResult verification) {}
}
