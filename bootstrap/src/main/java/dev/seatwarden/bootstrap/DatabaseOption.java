package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseException;
import dev.seatwarden.adapters.persistence.DatabaseSettings;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --db URL}, shared by {@code serve} and every {@code admin} command. */
final class DatabaseOption {

    static final String URL_VARIABLE = "SEATWARDEN_DB_URL";
    static final String USER_VARIABLE = "SEATWARDEN_DB_USER";
    static final String PASSWORD_VARIABLE = "SEATWARDEN_DB_PASSWORD";

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = {
                "JDBC URL of the database: jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DB.",
                "Default: $" + URL_VARIABLE + ", else " + DatabaseSettings.DEFAULT_URL + ".",
                "User and password: $" + USER_VARIABLE + " and $" + PASSWORD_VARIABLE + "."
            })
    String url;

    /** The settings from {@code --db}, else the environment, else the embedded default. */
    DatabaseSettings settings(CliContext context) {
        var chosen = url != null ? url : context.variable(URL_VARIABLE).getOrElse(DatabaseSettings.DEFAULT_URL);
        try {
            return DatabaseSettings.of(chosen)
                    .withCredentials(context.variable(USER_VARIABLE), context.variable(PASSWORD_VARIABLE));
        } catch (IllegalArgumentException invalid) {
            // the message never repeats the URL, which may hold a password
            throw new CommandFailure(ExitCode.USAGE, "--db: " + invalid.getMessage());
        }
    }

    /** Opens the database and wires the application on it; exit 5 if it cannot be reached. */
    Wiring open(CliContext context, Clock clock) {
        var settings = settings(context);
        try {
            return Wiring.open(settings, clock);
        } catch (DatabaseException failure) {
            throw unreachable(failure);
        }
    }

    static CommandFailure unreachable(DatabaseException failure) {
        return new CommandFailure(ExitCode.UNREACHABLE, failure.getMessage(), failure);
    }
}
