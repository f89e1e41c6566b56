package dev.seatwarden.application.port.in;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** {@code credentials check}: reads {@code credentials.json} and verifies its token against a server from this machine. */
public interface CheckCredentialsUseCase {

    Either<ClientFailure, Checked> checkCredentials(Command command);

    /** @param file the file to read, instead of the lookup order */
    record Command(ServerAddress host, Option<Path> file) {}

    /** @param file the full path of the file read */
    record Checked(Path file, VerificationResult verification) {}
}
