package dev.seatwarden.bootstrap;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/** {@code java -jar seatwarden.jar …}: the one place that reads the wall clock and the real environment. */
public final class Main {

    /** Where logback's console appender writes (logback.xml); see {@link #main}. */
    static final String LOG_TARGET_PROPERTY = "seatwarden.log.target";

    private Main() {}

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
        var context = new CliContext(System.getenv(), out, err, System.in, clock, new OperatingSystemStop());
        int code = new Cli(context).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
