package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseException;
import dev.seatwarden.adapters.rest.RestSettings;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: the REST API and the dashboard, until SIGTERM or Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs the REST API and the dashboard; applies database migrations first; runs the inactivity"
                    + " sweep every minute. Stops cleanly, with exit code 0, on SIGTERM or Ctrl-C."
        })
final class ServeCommand implements Callable<Integer> {

    static final String PORT_VARIABLE = "SEATWARDEN_PORT";
    static final String BIND_VARIABLE = "SEATWARDEN_BIND";
    static final String TRUST_PROXY_VARIABLE = "SEATWARDEN_TRUST_PROXY";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = "127.0.0.1";

    private final CliContext context;

    @picocli.CommandLine.Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one. Default: $" + PORT_VARIABLE + ", else " + DEFAULT_PORT
                    + ".")
    Integer port;

    @picocli.CommandLine.Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Address to listen on. Default: $" + BIND_VARIABLE + ", else " + DEFAULT_BIND + ".")
    String bind;

    @picocli.CommandLine.Option(
            names = "--trust-proxy",
            paramLabel = "ADDRESS",
            description = "The reverse proxy whose X-Forwarded-For / Forwarded headers are believed. Default: $"
                    + TRUST_PROXY_VARIABLE + ", else none (the headers are ignored).")
    String trustProxy;

    @picocli.CommandLine.Option(
            names = "--demo",
            description = "On an empty database, make a PRO account demo@seatwarden.local and print its"
                    + " generated password once.")
    boolean demo;

    @Mixin
    DatabaseOption database;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        var settings = ServerSettings.of(restSettings(), database.settings(context));
        context.stop().arm();
        Seatwarden server;
        try {
            // the demo account is made before the server listens: a client that waits for the
            // server's first answer can sign in with it at once
            server = Seatwarden.start(settings, context.clock(), wiring -> {
                if (demo) {
                    try {
                        DemoAccount.create(wiring.useCases(), wiring.access(), new SecureRandom())
                                .peek(password -> context.out()
                                        .println("Demo account: " + DemoAccount.EMAIL + "  password: " + password))
                                .peekLeft(context.err()::println);
                    } catch (RuntimeException failure) {
                        throw new DemoAccountFailed(failure);
                    }
                    context.out().flush();
                    context.err().flush();
                }
            });
        } catch (DemoAccountFailed failed) {
            // as any command's failure (exit 1 with its message): the database was reached, and the
            // server never listened
            throw failed.getCause();
        } catch (DatabaseException failure) {
            throw DatabaseOption.unreachable(failure);
        } catch (IllegalStateException cannotListen) {
            // the port is taken, or the address is not this machine's: say so, without a class name
            throw new CommandFailure(ExitCode.FAILURE, cannotListen.getMessage());
        }
        try {
            context.stop().await();
        } finally {
            server.close();
        }
        return ExitCode.OK;
    }

    /**
     * Making the demo account failed: kept apart from the failures that {@link Seatwarden#start}
     * itself may throw (an unreachable database, a port that cannot be bound).
     */
    private static final class DemoAccountFailed extends RuntimeException {
        DemoAccountFailed(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private RestSettings restSettings() {
        int chosenPort = port != null
                ? port
                : context.variable(PORT_VARIABLE).map(ServeCommand::parsePort).getOrElse(DEFAULT_PORT);
        if (chosenPort < 0 || chosenPort > 65535) {
            throw new CommandFailure(ExitCode.USAGE, "--port: a port is 0 to 65535, not " + chosenPort);
        }
        var address = bind != null ? bind : context.variable(BIND_VARIABLE).getOrElse(DEFAULT_BIND);
        if (address.isBlank()) {
            throw new CommandFailure(ExitCode.USAGE, "--bind: give an address, for example " + DEFAULT_BIND);
        }
        Option<String> proxy = trustProxy != null
                ? Option.of(trustProxy).filter(value -> !value.isBlank())
                : context.variable(TRUST_PROXY_VARIABLE);
        return RestSettings.defaults()
                .withPort(chosenPort)
                .withBindAddress(address.strip())
                .withTrustedProxy(proxy.map(String::strip));
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new CommandFailure(ExitCode.USAGE, "$" + PORT_VARIABLE + ": a port is a number 0 to 65535");
        }
    }
}
