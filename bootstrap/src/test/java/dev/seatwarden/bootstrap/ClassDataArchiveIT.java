package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive that the build's training run makes beside the jar ({@code
 * bootstrap/target/seatwarden.jsa}, docs/operations.md "Start-up"), used as the README's command
 * uses it: the JVM can map it ({@code -Xshare:on} makes a JVM that cannot refuse to start), and the
 * classes of the server's start and first answer, ours and the libraries', come from it rather than
 * from the jar.
 */
class ClassDataArchiveIT {

    /** What a start loads first: the wiring, the REST adapter, Jetty, sparkjava, Flyway, jdbi, Jackson, SQLite. */
    private static final List<String> START_UP_CLASSES = List.of(
            "dev.seatwarden.bootstrap.Seatwarden",
            "dev.seatwarden.adapters.rest.RestServer",
            "dev.seatwarden.adapters.persistence.Database",
            "org.eclipse.jetty.server.Server",
            "spark.Service",
            "org.flywaydb.core.Flyway",
            "org.jdbi.v3.core.Jdbi",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "org.sqlite.JDBC");

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void the_server_starts_with_the_builds_class_data_archive_and_takes_its_start_up_classes_from_it()
            throws Exception {
        var archive = Path.of(ServerProcess.jar().replaceFirst("\\.jar$", ".jsa"));
        if (!"true".equals(System.getenv("SEATWARDEN_REQUIRE_CDS"))) {
            // the build warns and goes on without it (-Dseatwarden.cds.skip, a JVM without dynamic CDS)
            assumeTrue(Files.isRegularFile(archive), "skipped: the build made no class-data archive " + archive);
        }
        assertThat(archive).as("the archive made by the build's training run").isRegularFile();
        var loaded = folder.resolve("classes.log");

        var server = ServerProcess.start(
                started,
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + loaded),
                "jdbc:sqlite:" + folder.resolve("s.db"),
                false);
        // the first answer, which the cold start is measured to (docs/benchmarks.md)
        var live = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url + "health/live"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        var output = server.stop();
        assertThat(server.exitCode).as(output).isZero();

        var log = Files.readString(loaded);
        for (var name : START_UP_CLASSES) {
            assertThat(Pattern.compile("\\b" + Pattern.quote(name) + " source: shared objects file \\(top\\)")
                            .matcher(log)
                            .find())
                    .as("%s is mapped from the archive (the JVM's class-loading log)", name)
                    .isTrue();
        }
    }
}
