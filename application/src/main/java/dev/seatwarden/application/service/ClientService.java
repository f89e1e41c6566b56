package dev.seatwarden.application.service;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.client.TokenInput;
import dev.seatwarden.application.port.in.CheckCredentialsUseCase;
import dev.seatwarden.application.port.in.FingerprintMachineUseCase;
import dev.seatwarden.application.port.in.LogInUseCase;
import dev.seatwarden.application.port.in.ShowLoginUseCase;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.WriteCredentialsUseCase;
import dev.seatwarden.application.port.out.ClientPorts;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** The client commands over their ports. */
final class ClientService
        implements LogInUseCase,
                ShowLoginUseCase,
                WriteCredentialsUseCase,
                CheckCredentialsUseCase,
                FingerprintMachineUseCase {

    /** Where a token given to a command comes from, as faults name it. */
    static final String GIVEN_TOKEN = "standard input";

    private final ClientPorts ports;

    ClientService(ClientPorts ports) {
        this.ports = ports;
    }

    @Override
    public Either<ClientFailure, LoggedIn> logIn(LogInUseCase.Command command) {
        return given(command.token())
                .flatMap(secret -> verifyFromHere(command.host(), secret)
                        .flatMap(verified -> save(
                                        ports.accountFiles(),
                                        command.file(),
                                        new AccountCredential(command.host(), secret))
                                .map(file -> new LoggedIn(file, command.host(), verified))));
    }

    @Override
    public Either<ClientFailure, Login> showLogin(Option<Path> file) {
        return read(ports.accountFiles(), file).flatMap(found -> {
            var host = found.credential().host();
            return verifyFromHere(host, found.credential().token())
                    .map(verified -> new Login(found.file(), host, verified));
        });
    }

    @Override
    public Either<ClientFailure, Written> writeCredentials(WriteCredentialsUseCase.Command command) {
        return given(command.token()).flatMap(secret -> {
            if (secret.kind() != TokenKind.API) {
                ports.warnings()
                        .warn("this is an integration token (" + secret.kind().prefix() + "); the API, the CLI and"
                                + " `credentials check` accept only API tokens (" + TokenKind.API.prefix() + ")");
            }
            return save(ports.credentialsFiles(), command.file(), new ScriptCredential(secret))
                    .map(file -> new Written(file, secret.kind()));
        });
    }

    @Override
    public Either<ClientFailure, Checked> checkCredentials(CheckCredentialsUseCase.Command command) {
        return read(ports.credentialsFiles(), command.file())
                .flatMap(found -> verifyFromHere(
                                command.host(), found.credential().token())
                        .map(verified -> new Checked(found.file(), verified)));
    }

    /** R3: the CLI's and the scripts' tokens are API tokens, verified on the API surface from this machine. */
    private Either<ClientFailure, VerificationResult> verifyFromHere(ServerAddress host, Secret secret) {
        return fingerprint()
                .flatMap(machine -> ports.server()
                        .verify(host, TokenKind.API, secret, machine)
                        .mapLeft(failure -> failure));
    }

    @Override
    public Either<ClientFailure, MachineId> fingerprint() {
        return ports.machine().fingerprint().mapLeft(ClientFailure.NoMachineId::new);
    }

    private static Either<ClientFailure, Secret> given(String token) {
        return TokenInput.parse(token)
                .mapLeft(problem -> new ClientFailure.BadCredential(List.of(CredentialFault.of(GIVEN_TOKEN, problem))));
    }

    private <C> Either<ClientFailure, CredentialFiles.Found<C>> read(CredentialFiles<C> files, Option<Path> file) {
        return files.read(file)
                .toEither()
                .<ClientFailure>mapLeft(ClientFailure.BadCredential::new)
                .peek(found -> found.warnings().forEach(ports.warnings()::warn));
    }

    private static <C> Either<ClientFailure, Path> save(CredentialFiles<C> files, Option<Path> file, C credential) {
        return files.write(file, credential).mapLeft(ClientFailure.NotSaved::new);
    }
}
