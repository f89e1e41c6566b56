package dev.seatwarden.bootstrap;

import io.vavr.control.Option;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands read and write, given from outside so that tests run them in-process.
 *
 * @param env the environment variables ({@code SEATWARDEN_…})
 * @param out results
 * @param err errors and warnings
 * @param in standard input ({@code --password-stdin})
 * @param clock the only clock
 * @param stop what ends {@code serve}
 */
record CliContext(
        Map<String, String> env, PrintWriter out, PrintWriter err, InputStream in, Clock clock, StopSignal stop) {

    static final String DEBUG = "SEATWARDEN_DEBUG";

    CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stop, "stop");
    }

    /** An environment variable that is set and not blank. */
    Option<String> variable(String name) {
        return Option.of(env.get(name)).filter(value -> !value.isBlank());
    }

    /** Whether {@value #DEBUG} asks for stack traces. */
    boolean debug() {
        return variable(DEBUG).isDefined();
    }
}
