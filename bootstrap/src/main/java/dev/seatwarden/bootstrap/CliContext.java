package dev.seatwarden.bootstrap;

import io.vavr.control.Option;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands read and write, given from outside so that tests run them in-process.
 *
 * @param env the environment variables ({@code SEATWARDEN_…})
 * @param out results
 * @param err errors and warnings
 * @param in standard input ({@code --password-stdin}, tokens given to the client commands)
 * @param terminal the terminal, if standard input is one (tokens are then read without echo)
 * @param clock the only clock
 * @param stop what ends {@code serve}
 * @param workingDirectory where relative paths and {@code ./rpd_account.json} are
 * @param home the user's home folder ({@code ~/.config/seatwarden/…})
 */
record CliContext(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        InputStream in,
        Option<Terminal> terminal,
        Clock clock,
        StopSignal stop,
        Path workingDirectory,
        Path home) {

    static final String DEBUG = "SEATWARDEN_DEBUG";

    CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stop, "stop");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    /** An environment variable that is set and not blank. */
    Option<String> variable(String name) {
        return Option.of(env.get(name)).filter(value -> !value.isBlank());
    }

    /** Whether {@value #DEBUG} asks for stack traces. */
    boolean debug() {
        return variable(DEBUG).isDefined();
    }

    /** A terminal that reads a line without showing it. */
    @FunctionalInterface
    interface Terminal {
        /** Shows {@code prompt} and reads one line without echo; none at the end of input. */
        Option<String> readHidden(String prompt);
    }
}
