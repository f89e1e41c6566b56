package dev.seatwarden.bootstrap;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the command line in-process, with a given environment, standard input and clock. */
final class CliRunner {

    private final Map<String, String> env = new HashMap<>();
    private final Clock clock;
    private final TestStop stop = new TestStop();
    // nowhere by default: a command that reaches for a file it was not given fails instead of using the real home
    private Path workingDirectory = Path.of("target", "no-working-directory");
    private Path home = Path.of("target", "no-home");
    private Option<CliContext.Terminal> terminal = Option.none();

    CliRunner(Clock clock) {
        this.clock = clock;
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Where {@code ./…} files and {@code ~/.config/…} are for the commands run from now on. */
    CliRunner directories(Path workingDirectory, Path home) {
        this.workingDirectory = workingDirectory;
        this.home = home;
        return this;
    }

    /** Standard input is a terminal that answers {@code line} (none: the end of input) to a hidden prompt. */
    CliRunner terminal(Option<String> line) {
        this.terminal = Option.some(prompt -> line);
        return this;
    }

    TestStop stop() {
        return stop;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    Result runWithBytes(byte[] stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var context = new CliContext(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin),
                terminal,
                clock,
                stop,
                workingDirectory,
                home);
        int code = new Cli(context).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What a command did: its exit code, standard output and standard error. */
    record Result(int exitCode, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /** The stop of {@code serve}, given by the test. */
    static final class TestStop implements StopSignal {
        private final CountDownLatch stop = new CountDownLatch(1);

        @Override
        public void arm() {}

        @Override
        public void await() throws InterruptedException {
            stop.await();
        }

        void stop() {
            stop.countDown();
        }
    }
}
