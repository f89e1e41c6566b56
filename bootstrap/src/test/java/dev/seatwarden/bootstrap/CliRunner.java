package dev.seatwarden.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the command line in-process, with a given environment, standard input and clock. */
final class CliRunner {

    private final Map<String, String> env = new HashMap<>();
    private final Clock clock;
    private final TestStop stop = new TestStop();

    CliRunner(Clock clock) {
        this.clock = clock;
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    TestStop stop() {
        return stop;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var context = new CliContext(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                clock,
                stop);
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
