package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar seatwarden.jar serve --port 0} in a process of its own, its output collected line
 * by line, stopped with SIGTERM: the server as an operator runs it, for the failsafe tests that run
 * after {@code package} on {@code bootstrap/target/seatwarden.jar}.
 */
final class ServerProcess {

    private static final Pattern LISTENING = Pattern.compile("Seatwarden listening on (http://[^\\s/]+:(\\d+)/)");
    private static final Pattern DEMO =
            Pattern.compile("^Demo account: demo@seatwarden\\.local  password: ([0-9A-Za-z]{20})$");

    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    /** {@code http://127.0.0.1:PORT/} */
    String url;
    /** The demo account's password, when started with {@code --demo}; else null. */
    String demoPassword;

    int exitCode = -1;
    private final boolean demo;
    private final Thread reader;

    private ServerProcess(Process process, boolean demo) {
        this.process = process;
        this.demo = demo;
        this.reader = new Thread(this::collect, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code serve --port 0 [--demo] --db DB} and waits until it listens.
     *
     * @param started where the process is added, for the test to kill it if it fails before {@link
     *     #stop()}
     */
    static ServerProcess start(List<Process> started, String db, boolean demo) throws InterruptedException {
        return start(started, List.of(), db, demo);
    }

    /** As {@link #start(List, String, boolean)}, with these options for the JVM. */
    static ServerProcess start(List<Process> started, List<String> jvmOptions, String db, boolean demo)
            throws InterruptedException {
        var process = launch(started, jvmOptions, db, demo);
        var server = new ServerProcess(process, demo);
        server.awaitReady();
        return server;
    }

    /** Starts several servers on {@code db} at once, then waits until every one listens. */
    static List<ServerProcess> startAll(List<Process> started, String db, int count) throws InterruptedException {
        var servers = new ArrayList<ServerProcess>();
        for (int i = 0; i < count; i++) {
            servers.add(new ServerProcess(launch(started, List.of(), db, false), false));
        }
        for (var server : servers) {
            server.awaitReady();
        }
        return servers;
    }

    private static Process launch(List<Process> started, List<String> jvmOptions, String db, boolean demo) {
        var args = new ArrayList<>(List.of("serve", "--port", "0", "--db", db));
        if (demo) {
            args.add("--demo");
        }
        Process process;
        try {
            process = java(jvmOptions, args.toArray(String[]::new)).start();
        } catch (IOException failure) {
            throw new AssertionError("cannot start java -jar", failure);
        }
        started.add(process);
        return process;
    }

    /** {@code java -jar seatwarden.jar ARGS}, standard error merged into standard output. */
    static ProcessBuilder java(String... args) {
        return java(List.of(), args);
    }

    /** {@code java JVM_OPTIONS -jar seatwarden.jar ARGS}, standard error merged into standard output. */
    static ProcessBuilder java(List<String> jvmOptions, String... args) {
        var jar = jar();
        assertThat(Path.of(jar)).as("the runnable jar (run after package)").exists();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        Collections.addAll(command, args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the test's own environment must not pick another database for the jar
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("SEATWARDEN_") && !name.equals(TestPostgres.URL_VARIABLE));
        return builder;
    }

    /** The runnable jar's path: {@code bootstrap/target/seatwarden.jar}. */
    static String jar() {
        return System.getProperty("seatwarden.jar", "target/seatwarden.jar");
    }

    private void collect() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** Waits (at most 60 s: a cold JVM and migrations) for the listening line (and the demo password). */
    private void awaitReady() throws InterruptedException {
        for (int attempt = 0; attempt < 600 && (url == null || (demo && demoPassword == null)); attempt++) {
            synchronized (lines) {
                for (var line : lines) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        url = listening.group(1);
                    }
                    Matcher demoLine = DEMO.matcher(line);
                    if (demoLine.matches()) {
                        demoPassword = demoLine.group(1);
                    }
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(url).as("the listening line in:%n%s", output()).isNotNull();
        if (demo) {
            assertThat(demoPassword)
                    .as("the demo password line in:%n%s", output())
                    .isNotNull();
        }
        assertThat(url).startsWith("http://127.0.0.1:").doesNotEndWith(":0/");
    }

    /** SIGTERM, then wait for the end; the whole output. */
    String stop() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of the
        // process's output, and lose what it writes while stopping.
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("serve ends after SIGTERM")
                .isTrue();
        exitCode = process.exitValue();
        reader.join(10_000);
        return output();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
