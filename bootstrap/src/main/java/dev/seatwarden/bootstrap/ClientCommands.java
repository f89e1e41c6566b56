package dev.seatwarden.bootstrap;

import dev.seatwarden.application.client.ClientFailure;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.in.CheckCredentialsUseCase;
import dev.seatwarden.application.port.in.LogInUseCase;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.WriteCredentialsUseCase;
import dev.seatwarden.application.service.Client;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The client commands of cli-and-files.md: {@code login}, {@code whoami}, {@code credentials
 * write|check}, {@code machine-id}. Results on standard output; errors and warnings on standard
 * error; a token never appears in either.
 */
final class ClientCommands {

    /** The most a token given on standard input may take, white space included. */
    static final int TOKEN_INPUT_LIMIT = 4096;

    private ClientCommands() {}

    /** {@code --host}, required by the commands that talk to a server. */
    static final class HostOption {
        @Option(
                names = "--host",
                required = true,
                paramLabel = "H",
                converter = HostConverter.class,
                description = "The server: host[:port] (HTTPS), or an http:// or https:// URL.")
        ServerAddress host;
    }

    /** {@code --host}: a host name with an optional port, or an http:// or https:// URL. */
    static final class HostConverter implements ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String value) {
            return ServerAddress.parse(value).getOrElseThrow(TypeConversionException::new);
        }
    }

    @Command(
            name = "login",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Reads an API token from standard input (hidden on a terminal), verifies it against the server"
                        + " from this machine, then saves it with the host in rpd_account.json.",
                "Saved to --file, else $SEATWARDEN_ACCOUNT_FILE, else the rpd_account.json that whoami would"
                        + " find, else $XDG_CONFIG_HOME/seatwarden/rpd_account.json (~/.config/…)."
            })
    static final class Login implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        HostOption server;

        @Option(names = "--file", paramLabel = "F", description = "Save to this file.")
        Path file;

        Login(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var token = readToken(context);
            var loggedIn = orFail(client(context)
                    .logIn()
                    .logIn(new LogInUseCase.Command(server.host, token, io.vavr.control.Option.of(file))));
            printVerification(context, loggedIn.verification(), loggedIn.host(), loggedIn.file());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "whoami",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Reads rpd_account.json, verifies its token from this machine, and prints the account, the token"
                        + " id, its kind, the seat's assignment and when the seat would free itself.",
                "Looks in --file, else $SEATWARDEN_ACCOUNT_FILE, else ./rpd_account.json, else"
                        + " $XDG_CONFIG_HOME/seatwarden/rpd_account.json (~/.config/…)."
            })
    static final class WhoAmI implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--file", paramLabel = "F", description = "Read this file.")
        Path file;

        WhoAmI(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var login = orFail(client(context).showLogin().showLogin(io.vavr.control.Option.of(file)));
            printVerification(context, login.verification(), login.host(), login.file());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "credentials",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Write and check credentials.json, the token file of the API and of scripts.")
    static final class Credentials extends AdminCommands.Group {}

    @Command(
            name = "write",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Reads a token from standard input (hidden on a terminal), checks its format offline (R6) and"
                        + " saves it in credentials.json.",
                "Saved to --file, else $SEATWARDEN_CREDENTIALS_FILE, else ./credentials.json."
            })
    static final class CredentialsWrite implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--file", paramLabel = "F", description = "Save to this file.")
        Path file;

        CredentialsWrite(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var token = readToken(context);
            var written = orFail(client(context)
                    .writeCredentials()
                    .writeCredentials(new WriteCredentialsUseCase.Command(token, io.vavr.control.Option.of(file))));
            context.out().println("kind          " + written.kind().name());
            context.out().println("file          " + written.file());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Reads credentials.json and verifies its token against the server from this machine.",
                "Looks in --file, else $SEATWARDEN_CREDENTIALS_FILE, else ./credentials.json."
            })
    static final class CredentialsCheck implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        HostOption server;

        @Option(names = "--file", paramLabel = "F", description = "Read this file.")
        Path file;

        CredentialsCheck(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var checked = orFail(client(context)
                    .checkCredentials()
                    .checkCredentials(
                            new CheckCredentialsUseCase.Command(server.host, io.vavr.control.Option.of(file))));
            printVerification(context, checked.verification(), server.host, checked.file());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "machine-id",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Prints this machine's fingerprint, as the client commands send it in X-Machine-Id: the"
                        + " HMAC-SHA256 of $SEATWARDEN_MACHINE_ID, else of /etc/machine-id, else of"
                        + " /var/lib/dbus/machine-id, else of an id made once in"
                        + " $XDG_CONFIG_HOME/seatwarden/machine-id. The raw id is never printed or sent."
            })
    static final class MachineIdCommand implements Callable<Integer> {
        private final CliContext context;

        MachineIdCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.out()
                    .println(orFail(client(context).fingerprintMachine().fingerprint())
                            .value());
            return ExitCode.OK;
        }
    }

    private static Client client(CliContext context) {
        return ClientWiring.client(context);
    }

    /**
     * The token given on standard input: read without echo from a terminal, else all of standard
     * input (at most {@value #TOKEN_INPUT_LIMIT} bytes). Checking it is the use case's work.
     */
    static String readToken(CliContext context) {
        if (context.terminal().isDefined()) {
            return context.terminal().get().readHidden("Token (input hidden): ").getOrElse("");
        }
        return readAll(context.in());
    }

    private static String readAll(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(TOKEN_INPUT_LIMIT + 1);
        } catch (IOException failure) {
            throw new CommandFailure(
                    ExitCode.CREDENTIAL,
                    "standard input: cannot be read (" + failure.getClass().getSimpleName() + ")");
        }
        if (bytes.length > TOKEN_INPUT_LIMIT) {
            throw new CommandFailure(
                    ExitCode.CREDENTIAL,
                    "standard input: more than " + TOKEN_INPUT_LIMIT + " bytes; give the token alone");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notText) {
            throw new CommandFailure(ExitCode.CREDENTIAL, "standard input: not UTF-8 text; give the token alone");
        }
    }

    /** The result of a verification, one field a line: the names padded so that values align. */
    static void printVerification(CliContext context, VerificationResult verified, ServerAddress host, Path file) {
        var out = context.out();
        out.println("account       " + verified.accountId().value());
        out.println("token         " + verified.tokenId().value());
        out.println("kind          " + verified.kind().name());
        out.println("seat          " + verified.assignment().name() + " (this machine)");
        out.println("machine       " + verified.machine().value());
        out.println("auto-release  " + verified.autoReleaseAt() + " if this machine stays inactive until then");
        out.println("host          " + host.written());
        out.println("file          " + file);
    }

    /** The right, or the command's end with the exit code of cli-and-files.md. */
    static <T> T orFail(Either<ClientFailure, T> result) {
        return result.getOrElseThrow(ClientCommands::failure);
    }

    static CommandFailure failure(ClientFailure failure) {
        if (failure instanceof ClientFailure.BadCredential bad) {
            return new CommandFailure(
                    ExitCode.CREDENTIAL,
                    bad.faults().map(fault -> fault.describe()).collect(Collectors.joining("\nseatwarden: ")));
        }
        if (failure instanceof ClientFailure.NotSaved notSaved) {
            return new CommandFailure(
                    ExitCode.FAILURE, "not saved: " + notSaved.fault().describe());
        }
        if (failure instanceof ClientFailure.NoMachineId none) {
            return new CommandFailure(ExitCode.FAILURE, "no machine id: " + none.reason());
        }
        if (failure instanceof ClientFailure.Refused refused) {
            var message = new StringBuilder("refused: ").append(refused.code());
            refused.detail()
                    .forEach(detail -> message.append(" (").append(detail).append(')'));
            refused.autoReleaseAt()
                    .forEach(at -> message.append("; the seat frees itself at ")
                            .append(at)
                            .append(" if its machine stays inactive"));
            refused.retryAt().forEach(at -> message.append("; try again after ").append(at));
            return new CommandFailure(ExitCode.REFUSED, message.toString());
        }
        if (failure instanceof ClientFailure.Unreachable unreachable) {
            return new CommandFailure(ExitCode.UNREACHABLE, unreachable.reason());
        }
        if (failure instanceof ClientFailure.UnexpectedAnswer unexpected) {
            return new CommandFailure(ExitCode.FAILURE, unexpected.reason());
        }
        throw new IllegalStateException("a client failure without an exit code: " + failure.getClass());
    }
}
