package dev.seatwarden.application.port.in;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** {@code whoami}: reads {@code rpd_account.json}, verifies its token from this machine, tells the result. */
public interface ShowLoginUseCase {

    /** @param file the file to read, instead of the lookup order */
    Either<ClientFailure, Login> showLogin(Option<Path> file);

    /** @param file the full path of the file read */
    record Login(Path file, ServerAddress host, VerificationResult verification) {}
}
