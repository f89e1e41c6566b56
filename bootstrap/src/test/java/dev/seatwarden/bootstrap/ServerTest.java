package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole server in-process, on a temporary SQLite file and a clock the test holds. */
class ServerTest {

    @TempDir
    Path folder;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T06:00:00Z"));

    private ServerSettings settings(String db) {
        return ServerSettings.of(RestSettings.defaults().withPort(0), DatabaseSettings.of(db));
    }

    @Test
    void an_admin_change_is_seen_by_the_running_server() throws InterruptedException {
        // given a running server with the demo account and a token verified from one machine
        var db = "jdbc:sqlite:" + folder.resolve("s.db");
        try (var server = Seatwarden.start(settings(db), clock)) {
            var password = DemoAccount.create(server.useCases(), server.access(), new SecureRandom())
                    .get();
            var api = new ApiClient(server.url());
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
            assertThat(api.health().body().path("database").asText()).isEqualTo("UP");
            api.signIn(DemoAccount.EMAIL, password);
            var secret = api.createApiToken("build server");
            assertThat(api.verify(secret).status()).isEqualTo(200);
            // the second verification changes nothing: the server keeps its facts (issue 7's cache)
            assertThat(api.verify(secret).status()).isEqualTo(200);

            // when the operator lets the subscription lapse, from another "process"
            var admin = new CliRunner(clock)
                    .run(
                            "admin",
                            "account",
                            "set",
                            "--email",
                            DemoAccount.EMAIL,
                            "--subscription",
                            "LAPSED",
                            "--db",
                            db);

            // then the server refuses the token within 5 s (rest-api.md; its cache keeps facts 2 s)
            assertThat(admin.exitCode()).isZero();
            var deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            var answer = api.verify(secret);
            while (answer.status() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                answer = api.verify(secret);
            }
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("SUBSCRIPTION_INACTIVE");
        }
    }

    @Test
    void serve_prints_the_demo_password_once_and_stops_with_exit_0_when_told() throws Exception {
        // given
        var db = "jdbc:sqlite:" + folder.resolve("serve.db");
        var cli = new CliRunner(clock);
        var result = new CliRunner.Result[1];
        var serving = new Thread(() -> result[0] = cli.run("serve", "--port", "0", "--demo", "--db", db));

        // when serve runs until its stop
        serving.start();
        awaitDemoAccount(db, serving);
        cli.stop().stop();
        serving.join();

        // then
        assertThat(result[0].exitCode()).isZero();
        assertThat(result[0].out().lines().filter(line -> line.startsWith("Demo account: ")))
                .singleElement()
                .satisfies(line ->
                        assertThat(line).matches("Demo account: demo@seatwarden\\.local  password: [0-9A-Za-z]{20}"));
    }

    @Test
    void serve_demo_that_cannot_make_the_account_fails_with_exit_1_and_never_listens() throws Exception {
        // given a migrated database that refuses new accounts
        var db = "jdbc:sqlite:" + folder.resolve("refusing.db");
        assertThat(new CliRunner(clock).run("admin", "migrate", "--db", db).exitCode())
                .isZero();
        try (var connection = DriverManager.getConnection(db);
                var statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER no_new_accounts BEFORE INSERT ON accounts"
                    + " BEGIN SELECT RAISE(ABORT, 'no new accounts'); END");
        }

        // when serve is asked for the demo account on it
        var result = new CliRunner(clock).run("serve", "--port", "0", "--demo", "--db", db);

        // then it ends at once as a failed command (exit 1, not 5: the database was reached), and
        // not as a port that cannot be bound
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("cannot listen").doesNotContain("unreachable");
        assertThat(result.out()).doesNotContain("Demo account: ");
    }

    @Test
    void serve_on_a_port_in_use_fails_with_exit_1_naming_the_address() throws Exception {
        // given a port another socket holds
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            var port = Integer.toString(taken.getLocalPort());

            // when serve is asked for it
            var result = new CliRunner(clock)
                    .run("serve", "--port", port, "--db", "jdbc:sqlite:" + folder.resolve("busy.db"));

            // then it ends at once with a message a person can act on: the address, not a class name
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .contains("cannot listen on 127.0.0.1:" + port)
                    .doesNotContain("Exception");
        }
    }

    /** Waits until serve has made its demo account (it has started by then), or has ended. */
    private void awaitDemoAccount(String db, Thread serving) throws InterruptedException {
        for (int attempt = 0; attempt < 300 && serving.isAlive(); attempt++) {
            var list = new CliRunner(clock).run("admin", "account", "list", "--db", db);
            if (list.out().contains(DemoAccount.EMAIL)) {
                return;
            }
            Thread.sleep(100);
        }
        if (serving.isAlive()) {
            throw new AssertionError("serve did not make the demo account within 30 s");
        }
    }
}
