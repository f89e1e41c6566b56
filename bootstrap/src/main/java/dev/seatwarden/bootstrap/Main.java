package dev.seatwarden.bootstrap;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** {@code java -jar seatwarden.jar …}: the one place that reads the wall clock and the real environment. */
public final class Main {

    /** Where logback's console appender writes (logback.xml); see {@link #main}. */
    static final String LOG_TARGET_PROPERTY = "seatwarden.log.target";

    private Main() {}

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
        var console = System.console();
        var terminal = console == null
                ? io.vavr.control.Option.<CliContext.Terminal>none()
                : io.vavr.control.Option.<CliContext.Terminal>some(
                        prompt -> io.vavr.control.Option.of(console.readPassword("%s", prompt))
                                .map(String::new));
        var context = new CliContext(
                System.getenv(), out, err, System.in, terminal, clock, new OperatingSystemStop(), Path.of(""), home());
        int code = new Cli(context).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
