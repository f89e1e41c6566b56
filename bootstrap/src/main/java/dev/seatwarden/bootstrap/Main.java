package dev.seatwarden.bootstrap;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** {@code java -jar seatwarden.jar …}: the one place that reads the wall clock and the real environment. */
public final class Main {

    /** Where logback's console appender writes (logback.xml); see {@link #main}. */
    static final String LOG_TARGET_PROPERTY = "seatwarden.log.target";

    private Main() {}

    /**
     * The terminal to read a token from without echo: the JVM's console when standard input and
     * output are both terminals; when only standard input is one (output redirected), a token typed
     * there would show, so the command stops and says how to give it instead.
     */
    private static Option<CliContext.Terminal> terminal() {
        var console = System.console();
        if (console != null) {
            return Option.some(
                    prompt -> Option.of(console.readPassword("%s", prompt)).map(String::new));
        }
        if (standardInputIsATerminal()) {
            return Option.some(prompt -> {
                throw new CommandFailure(
                        ExitCode.USAGE,
                        "standard input is a terminal but standard output is not, so a token typed there would"
                                + " show; pipe it in instead: printf '%s\\n' \"$TOKEN\" | seatwarden …");
            });
        }
        return Option.none();
    }

    private static boolean standardInputIsATerminal() {
        try {
            var device = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return false;
        }
    }

    /** {@code $HOME} as the shell has it (the JDK's user.home ignores it), else the JDK's idea. */
    private static Path home() {
        var home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    public static void main(String[] args) {
        // The server logs to standard output; operator commands log to standard error, so that their
        // standard output holds only results. Set before the first logger is made.
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving && System.getProperty(LOG_TARGET_PROPERTY) == null) {
            System.setProperty(LOG_TARGET_PROPERTY, "System.err");
        }
        // A thread that dies of an exception (a library's, say) leaves a line in the log, not silence.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> LoggerFactory.getLogger(Main.class)
                .error(
                        "thread {} ended by an uncaught {}",
                        thread.getName(),
                        failure.getClass().getName(),
                        failure));
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // the database keeps microseconds: a finer clock would make stored and read instants differ
        var clock = MicrosecondClock.systemUtc();
        var context = new CliContext(
                System.getenv(),
                out,
                err,
                System.in,
                terminal(),
                clock,
                new OperatingSystemStop(),
                Path.of(""),
                home());
        int code = new Cli(context).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
