import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training run that makes the server's class-data archive (docs/operations.md, "Start-up"):
 * run by the build (bootstrap/pom.xml, exec-maven-plugin, phase package) right after the
 * runnable jar, as a single-file program ({@code java CdsTraining.java JAVA JAR ARCHIVE DIR}).
 *
 * <p>It starts {@code JAVA -XX:ArchiveClassesAtExit=ARCHIVE -jar JAR serve} on a fresh SQLite
 * database in DIR, waits for {@code GET /health/live}, sends the requests whose classes a server
 * loads first (the health routes, a verification and a sign-in that are refused, the dashboard's
 * page, the OpenAPI document), then stops it with SIGTERM: the JVM writes the classes it loaded to
 * the archive as it exits. A server started with {@code -XX:SharedArchiveFile=ARCHIVE} maps them
 * instead of loading them from the jar. No secret is made or shown: the database holds no account.
 *
 * <p>Fails (exit status 1, with the end of the server's output) when the server does not start,
 * answers a health route with anything but 200, or leaves no archive.
 */
public final class CdsTraining {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** CI sets it: a training that makes no archive fails the build instead of warning. */
    private static final boolean REQUIRED = "true".equals(System.getenv("SEATWARDEN_REQUIRE_CDS"));

    public static void main(String[] args) throws Exception {
        try {
            train(args);
        } catch (Failed failed) {
            if (REQUIRED) {
                System.exit(1);
            }
            // the archive only makes the start faster: a JVM without dynamic CDS (OpenJ9), or a
            // platform where the training cannot stop the server cleanly, still gets its build
            Files.deleteIfExists(Path.of(args[2]));
            System.err.println("WARNING: no class-data archive was made; the server starts without it, only"
                    + " slower (SEATWARDEN_REQUIRE_CDS=true makes this fail the build)");
        }
    }

    private static void train(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java CdsTraining.java JAVA JAR ARCHIVE WORK_DIR");
            System.exit(2);
        }
        var java = args[0];
        var jar = Path.of(args[1]);
        var archive = Path.of(args[2]);
        var work = Path.of(args[3]);
        deleteTree(work);
        Files.createDirectories(work);
        Files.deleteIfExists(archive);
        var log = work.resolve("server.log");
        int port = freePort();
        var server = new ProcessBuilder(List.of(
                        java,
                        "-XX:ArchiveClassesAtExit=" + archive,
                        // the JVM's own warnings (classes it cannot archive) to a file of their
                        // own, so that a failing server's last lines are its own
                        "-Xlog:disable",
                        "-Xlog:all=warning:file=" + work.resolve("jvm-warnings.log"),
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--db",
                        "jdbc:sqlite:" + work.resolve("training.db")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // if this program is stopped (Maven stopped, a CI timeout), the server goes with it
        var stopServer = new Thread(server::destroyForcibly, "stop-training-server");
        Runtime.getRuntime().addShutdownHook(stopServer);
        try {
            var base = "http://127.0.0.1:" + port;
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitLive(http, base, server, log);
            expect(http, get(base + "/health"), 200, log);
            // refused on purpose: their answers' classes (the error body, the routes, the use cases)
            send(http, HttpRequest.newBuilder(URI.create(base + "/v1/auth/verify"))
                    .header("Authorization", "Bearer not-a-token")
                    .header("X-Machine-Id", "cds-training")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            send(http, HttpRequest.newBuilder(URI.create(base + "/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"nobody@cds-training.invalid\",\"password\":\"x\"}"))
                    .build());
            send(http, get(base + "/"));
            send(http, get(base + "/openapi.json"));
        } finally {
            server.destroy(); // SIGTERM: the server stops cleanly and the JVM writes the archive
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                fail("the training server did not stop within 60 s", log);
            }
        }
        Runtime.getRuntime().removeShutdownHook(stopServer);
        if (server.exitValue() != 0) {
            fail("the training server exited with status " + server.exitValue(), log);
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            fail("the training run left no class-data archive at " + archive, log);
        }
        System.out.printf("class-data archive: %s (%d KiB)%n", archive, Files.size(archive) / 1024);
    }

    private static void awaitLive(HttpClient http, String base, Process server, Path log) throws Exception {
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("the training server exited early with status " + server.exitValue(), log);
            }
            try {
                if (send(http, get(base + "/health/live")) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        fail("the training server did not answer GET /health/live within " + START_TIMEOUT.toSeconds() + " s", log);
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private static int send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void expect(HttpClient http, HttpRequest request, int status, Path log) throws Exception {
        int answered = send(http, request);
        if (answered != status) {
            fail(request.method() + " " + request.uri().getPath() + " answered " + answered + ", not " + status, log);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Prints the problem and the end of the server's output; thrown so the server is still stopped. */
    private static void fail(String problem, Path log) throws IOException {
        System.err.println("CDS training failed: " + problem);
        printEnd(log, "the server's last output", 40);
        printEnd(log.resolveSibling("jvm-warnings.log"), "the JVM's last warnings (why an archive was not written)", 15);
        throw new Failed();
    }

    private static void printEnd(Path file, String what, int lines) throws IOException {
        if (Files.exists(file)) {
            var all = Files.readAllLines(file);
            System.err.println(what + " (" + file + "):");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.err::println);
        }
    }

    private static final class Failed extends RuntimeException {
        Failed() {
            super(null, null, false, false);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
