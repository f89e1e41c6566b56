package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as an operator runs it: {@code serve} in a process of its own, the REST API over
 * HTTP, an {@code admin} command in another process on the same database, SIGTERM at the end.
 * Runs after {@code package} (failsafe), on {@code bootstrap/target/seatwarden.jar}.
 */
class JarIT {

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void the_jar_serves_signs_in_verifies_sees_an_admin_change_and_stops_with_exit_0_on_sigterm() throws Exception {
        var db = "jdbc:sqlite:" + folder.resolve("s.db");
        var server = ServerProcess.start(started, db, true);
        var api = new ApiClient(server.url);

        // the demo account is made (and its password printed) before the server listens, so a
        // client that waits for the first answer can sign in at once
        var startLines = List.copyOf(server.lines);
        int demoLine = indexOf(startLines, "Demo account: ");
        int listeningLine = indexOf(startLines, "Seatwarden listening on ");
        assertThat(demoLine).as("the demo line").isNotNegative();
        assertThat(listeningLine).as("the listening line").isNotNegative();
        assertThat(demoLine).as("the demo line comes before the listening line").isLessThan(listeningLine);

        // given a token of the demo account, verified from this machine
        assertThat(api.health().status()).isEqualTo(200);
        assertThat(api.health().body().path("status").asText()).isEqualTo("UP");
        api.signIn("demo@seatwarden.local", server.demoPassword);
        var secret = api.createApiToken("jar test");
        var verified = api.verify(secret);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("valid").asBoolean()).isTrue();
        // a verification that changes nothing, whose facts the server then keeps (issue 7)
        assertThat(api.verify(secret).status()).isEqualTo(200);

        // when the operator lets the subscription lapse, from another process on the same file
        var admin = run(
                "admin", "account", "set", "--email", "demo@seatwarden.local", "--subscription", "LAPSED", "--db", db);
        assertThat(admin.exitCode).as(admin.output).isZero();
        assertThat(admin.output).contains("LAPSED");

        // then the server refuses the token within 5 seconds (cli-and-files.md)
        assertThat(refusedWithin5Seconds(api, secret)).isEqualTo("SUBSCRIPTION_INACTIVE");

        // and when it gets SIGTERM, it stops with exit code 0
        var output = server.stop();
        assertThat(server.exitCode).as(output).isZero();
        assertThat(output)
                .contains("Seatwarden stopped")
                .doesNotContain(secret)
                .doesNotContain(api.sessionCookie())
                .doesNotContain(api.csrfToken());
        assertThat(output.split(Pattern.quote(server.demoPassword), -1))
                .as("the demo password is printed once")
                .hasSize(2);
    }

    @Test
    void the_jar_without_arguments_prints_the_help() throws Exception {
        var result = run();
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("Usage: seatwarden", "serve", "admin");
    }

    @Test
    void the_jar_migrates_and_lists_accounts_with_flyway_inside_the_fat_jar() throws Exception {
        var db = "jdbc:sqlite:" + folder.resolve("m.db");

        var migrate = run("admin", "migrate", "--db", db);
        var list = run("admin", "account", "list", "--db", db);

        assertThat(migrate.exitCode).as(migrate.output).isZero();
        assertThat(migrate.output).matches("migrations applied: [1-9][0-9]*\\R");
        assertThat(list.exitCode).as(list.output).isZero();
        assertThat(list.output).isEmpty();
    }

    @Test
    void the_jar_serves_and_verifies_on_postgresql() throws Exception {
        var url = TestPostgres.url("the jar's tests");
        var schema = TestPostgres.createSchema(url, "jar_it");
        try {
            var db = TestPostgres.inSchema(url, schema);
            var server = ServerProcess.start(started, db, true);
            var api = new ApiClient(server.url);
            assertThat(api.health().body().path("database").asText()).isEqualTo("UP");
            api.signIn("demo@seatwarden.local", server.demoPassword);
            var secret = api.createApiToken("jar test on postgresql");
            assertThat(api.verify(secret).status()).isEqualTo(200);

            var admin = run(
                    "admin",
                    "account",
                    "set",
                    "--email",
                    "demo@seatwarden.local",
                    "--subscription",
                    "LAPSED",
                    "--db",
                    db);
            assertThat(admin.exitCode).as(admin.output).isZero();
            assertThat(refusedWithin5Seconds(api, secret)).isEqualTo("SUBSCRIPTION_INACTIVE");

            var output = server.stop();
            assertThat(server.exitCode).as(output).isZero();
            assertThat(output).doesNotContain(secret).doesNotContain(api.sessionCookie());
        } finally {
            TestPostgres.dropSchema(url, schema);
        }
    }

    @Test
    void the_client_commands_of_the_jar_log_in_show_the_login_and_keep_credentials_with_every_exit_code()
            throws Exception {
        var server = ServerProcess.start(started, "jdbc:sqlite:" + folder.resolve("c.db"), true);
        var api = new ApiClient(server.url);
        api.signIn("demo@seatwarden.local", server.demoPassword);
        var secret = api.createApiToken("cli");
        var home = Files.createDirectories(folder.resolve("home"));
        var work = Files.createDirectories(folder.resolve("work"));
        var client = new ClientProcess(home, work, "jar-test-machine");

        // login: the token on standard input, with the newline echo gives it
        var login = client.run(secret + "\n", "login", "--host", server.url);
        assertThat(login.exitCode).as(login.output).isZero();
        var accountFile = home.resolve(".config/seatwarden/rpd_account.json");
        assertThat(Files.getPosixFilePermissions(accountFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(accountFile.toFile());
        assertThat(saved.path("host").asText()).isEqualTo(server.url);
        assertThat(saved.path("token").asText().equals(secret))
                .as("the token saved")
                .isTrue();
        assertThat(login.output).contains("NEW", accountFile.toString());

        // whoami reads it back: same machine, so the seat continues
        var whoami = client.run("", "whoami");
        assertThat(whoami.exitCode).as(whoami.output).isZero();
        var machineId = client.run("", "machine-id");
        assertThat(machineId.exitCode).isZero();
        assertThat(machineId.output.strip()).matches("[0-9a-f]{64}");
        assertThat(whoami.output)
                .contains("kind          API", "seat          CONTINUING", machineId.output.strip(), "auto-release");
        assertThat(whoami.output).containsPattern("account +acc_").containsPattern("token +tok_");

        // credentials write and check, in the working folder
        var write = client.run(secret, "credentials", "write");
        assertThat(write.exitCode).as(write.output).isZero();
        assertThat(Files.getPosixFilePermissions(work.resolve("credentials.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var check = client.run("", "credentials", "check", "--host", server.url);
        assertThat(check.exitCode).as(check.output).isZero();
        assertThat(check.output).contains("seat          CONTINUING");

        // a file others can read is used, with a warning
        Files.setPosixFilePermissions(accountFile, PosixFilePermissions.fromString("rw-r--r--"));
        var warned = client.run("", "whoami");
        assertThat(warned.exitCode).as(warned.output).isZero();
        assertThat(warned.errors).contains(accountFile.toString(), "chmod 600");

        // exit 2: usage
        var noHost = client.run(secret, "login");
        var badHost = client.run(secret, "login", "--host", "ftp://example.com");
        assertThat(noHost.exitCode).as(noHost.errors).isEqualTo(2);
        assertThat(badHost.exitCode).as(badHost.errors).isEqualTo(2);
        assertThat(badHost.errors).contains("--host");

        // exit 3: a missing file, a broken file, a mistyped token
        var missing = client.run("", "whoami", "--file", "nowhere.json");
        var brokenFile =
                Files.writeString(work.resolve("broken.json"), "{\"host\": \"" + server.url + "\",\n \"token\": 42}\n");
        var broken = client.run("", "whoami", "--file", brokenFile.toString());
        assertThat(broken.exitCode).as(broken.errors).isEqualTo(3);
        assertThat(broken.errors).contains(brokenFile + ":2:");
        var mistyped = client.run(
                secret.substring(0, 20) + (secret.charAt(20) == 'x' ? 'y' : 'x') + secret.substring(21),
                "credentials",
                "write");
        assertThat(missing.exitCode).as(missing.errors).isEqualTo(3);
        assertThat(missing.errors).contains(work.resolve("nowhere.json").toString());
        assertThat(mistyped.exitCode).as(mistyped.errors).isEqualTo(3);

        // exit 4: the server refuses a revoked token, and says why
        assertThat(api.reportLeaked(secret).status()).isEqualTo(202);
        var revoked = client.run("", "credentials", "check", "--host", server.url);
        assertThat(revoked.exitCode).as(revoked.errors).isEqualTo(4);
        assertThat(revoked.errors).contains("TOKEN_REVOKED");

        // exit 5: nothing listens
        var closed = client.run("", "credentials", "check", "--host", "http://127.0.0.1:" + closedPort());
        assertThat(closed.exitCode).as(closed.errors).isEqualTo(5);

        assertThat(client.everything().contains(secret))
                .as("a token in some command's output")
                .isFalse();
        server.stop();
    }

    /** A port nothing listens on: bound once, then closed. */
    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs the jar's client commands with a home folder, a working folder and a machine id of their own. */
    private final class ClientProcess {
        private final Path home;
        private final Path work;
        private final String machineId;
        private int runs;
        private final StringBuilder everything = new StringBuilder();

        ClientProcess(Path home, Path work, String machineId) {
            this.home = home;
            this.work = work;
            this.machineId = machineId;
        }

        /** What a finished client command did; {@code output} is standard output alone. */
        record Result(int exitCode, String output, String errors) {}

        Result run(String stdin, String... args) throws IOException, InterruptedException {
            int run = ++runs;
            var in = Files.writeString(folder.resolve("client-in-" + run), stdin);
            var out = folder.resolve("client-out-" + run);
            var err = folder.resolve("client-err-" + run);
            var builder = java(args)
                    .redirectErrorStream(false)
                    .directory(work.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("XDG_CONFIG_HOME");
            builder.environment().put("HOME", home.toString());
            builder.environment().put("SEATWARDEN_MACHINE_ID", machineId);
            var process = builder.start();
            started.add(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the command ends")
                    .isTrue();
            var result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            everything.append(result.output).append(result.errors);
            return result;
        }

        /** Every output of every command run so far, standard error included. */
        String everything() {
            return everything.toString();
        }
    }

    /** Verifies until refused, for at most 5 s; the refusal's code, or the last status if none came. */
    private static String refusedWithin5Seconds(ApiClient api, String secret) throws InterruptedException {
        ApiClient.Answer answer = null;
        for (int attempt = 0; attempt < 25; attempt++) {
            answer = api.verify(secret);
            if (answer.status() != 200) {
                return answer.code();
            }
            Thread.sleep(200);
        }
        return "still " + answer.status() + " after 5 s";
    }

    private static ProcessBuilder java(String... args) {
        return ServerProcess.java(args);
    }

    /** What a finished process did. */
    record Ran(int exitCode, String output) {}

    private Ran run(String... args) throws IOException, InterruptedException {
        var process = java(args)
                .redirectInput(ProcessBuilder.Redirect.from(emptyFile().toFile()))
                .start();
        started.add(process);
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Ran(process.exitValue(), output);
    }

    private Path emptyFile() throws IOException {
        var empty = folder.resolve("empty-stdin");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        return empty;
    }

    /** The index of the first line containing {@code text}; -1 if none. */
    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
