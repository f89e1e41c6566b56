package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands in-process against a real server (SQLite, HTTP): every exit code, the token
 * on standard input and from a terminal, the lookup of both files, the warnings; no output ever
 * holds a token.
 */
class ClientCommandsTest {

    @TempDir
    static Path serverFolder;

    private static Seatwarden server;
    private static ApiClient api;
    private static String host;

    @TempDir
    Path folder;

    private Path home;
    private Path work;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T06:00:00Z"));
    private final List<String> secrets = new ArrayList<>();
    private final List<CliRunner.Result> results = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        var settings = ServerSettings.of(
                RestSettings.defaults().withPort(0),
                DatabaseSettings.of("jdbc:sqlite:" + serverFolder.resolve("client.db")));
        server = Seatwarden.start(settings, new SettableClock(Instant.parse("2026-11-28T06:00:00Z")));
        var password = DemoAccount.create(server.useCases(), server.access(), new SecureRandom())
                .get();
        api = new ApiClient(server.url());
        api.signIn(DemoAccount.EMAIL, password);
        host = server.url().substring(0, server.url().length() - 1);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void folders() throws IOException {
        home = Files.createDirectories(folder.resolve("home"));
        work = Files.createDirectories(folder.resolve("work"));
    }

    @AfterEach
    void noOutputHoldsAToken() {
        for (var result : results) {
            for (var secret : secrets) {
                assertThat(result.both().contains(secret))
                        .as("a token in the output of a command")
                        .isFalse();
            }
        }
    }

    private String newToken(String kind) {
        var secret = api.createToken("cli " + secrets.size(), kind);
        secrets.add(secret);
        return secret;
    }

    private CliRunner runner(String machine) {
        return new CliRunner(clock).directories(work, home).env("SEATWARDEN_MACHINE_ID", machine);
    }

    private CliRunner.Result run(String stdin, String... args) {
        return record(runner("machine-a").runWithInput(stdin, args));
    }

    private CliRunner.Result record(CliRunner.Result result) {
        results.add(result);
        return result;
    }

    private Path defaultAccountFile() {
        return home.resolve(".config/seatwarden/rpd_account.json");
    }

    private static String field(Path file, String name) throws IOException {
        return new ObjectMapper().readTree(file.toFile()).path(name).asText();
    }

    @Test
    void login_verifies_the_piped_token_and_saves_it_with_the_host_in_the_default_place() throws IOException {
        var secret = newToken("API");

        var login = run(secret + "\r\n", "login", "--host", host);

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("seat          NEW (this machine)", "kind          API");
        assertThat(login.out()).contains(defaultAccountFile().toString());
        assertThat(login.err()).isEmpty();
        assertThat(field(defaultAccountFile(), "host")).isEqualTo(host);
        assertThat(field(defaultAccountFile(), "token").equals(secret))
                .as("the token saved")
                .isTrue();
        assertThat(Files.getPosixFilePermissions(defaultAccountFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void login_reads_the_token_from_a_terminal_without_echo() {
        var secret = newToken("API");

        var login = record(runner("machine-a").terminal(Option.some(secret)).run("login", "--host", host));

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(defaultAccountFile()).exists();
    }

    @Test
    void whoami_shows_account_token_kind_assignment_and_auto_release() {
        var secret = newToken("API");
        run(secret, "login", "--host", host);

        var whoami = run("", "whoami");

        assertThat(whoami.exitCode()).as(whoami.err()).isZero();
        assertThat(whoami.out())
                .containsPattern("account +acc_")
                .containsPattern("token +tok_")
                .contains("kind          API", "seat          CONTINUING (this machine)")
                .containsPattern("auto-release +20[0-9-]+T");
        var fingerprint = run("", "machine-id").out().strip();
        assertThat(whoami.out()).contains("machine       " + fingerprint);
    }

    @Test
    void a_token_with_white_space_inside_or_a_typo_or_nothing_is_a_bad_credential_and_nothing_is_saved() {
        var secret = newToken("API");
        var split = secret.substring(0, 20) + " " + secret.substring(20);
        var typo = secret.substring(0, 20) + (secret.charAt(20) == 'A' ? 'B' : 'A') + secret.substring(21);

        var spaced = run(split, "login", "--host", host);
        var mistyped = run(typo, "login", "--host", host);
        var empty = run("\n", "login", "--host", host);
        var twoLines = run(secret + "\n" + secret + "\n", "credentials", "write");

        assertThat(spaced.exitCode()).isEqualTo(3);
        assertThat(spaced.err()).contains("standard input", "white space inside");
        assertThat(mistyped.exitCode()).isEqualTo(3);
        assertThat(mistyped.err()).contains("checksum does not match");
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.err()).contains("no token");
        assertThat(twoLines.exitCode()).isEqualTo(3);
        assertThat(defaultAccountFile()).doesNotExist();
        assertThat(work.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void standard_input_that_is_too_long_or_not_text_is_a_bad_credential() {
        var tooLong = run("x".repeat(5000), "credentials", "write");
        var binary = record(
                runner("machine-a").runWithBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, "credentials", "write"));

        assertThat(tooLong.exitCode()).isEqualTo(3);
        assertThat(tooLong.err()).contains("more than 4096 bytes");
        assertThat(binary.exitCode()).isEqualTo(3);
        assertThat(binary.err()).contains("not UTF-8");
    }

    @Test
    void a_refused_login_exits_4_with_the_code_and_leaves_the_saved_login_as_it_was() throws IOException {
        var first = newToken("API");
        run(first, "login", "--host", host);
        var before = Files.readAllBytes(defaultAccountFile());
        var leaked = newToken("API");
        assertThat(api.reportLeaked(leaked).status()).isEqualTo(202);

        var refused = run(leaked, "login", "--host", host);

        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("TOKEN_REVOKED");
        assertThat(Files.readAllBytes(defaultAccountFile())).isEqualTo(before);
    }

    @Test
    void an_integration_token_is_refused_by_login_and_saved_with_a_warning_by_credentials_write() {
        var integration = newToken("INTEGRATION");

        var login = run(integration, "login", "--host", host);
        var write = run(integration, "credentials", "write");

        assertThat(login.exitCode()).isEqualTo(4);
        assertThat(login.err()).contains("TOKEN_KIND_MISMATCH");
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.out()).contains("kind          INTEGRATION");
        assertThat(write.err()).contains("warning", "integration token");
    }

    @Test
    void whoami_from_another_machine_is_refused_with_when_the_seat_frees_itself() {
        var secret = newToken("API");
        run(secret, "login", "--host", host);

        var elsewhere = record(runner("machine-b").run("whoami"));

        assertThat(elsewhere.exitCode()).isEqualTo(4);
        assertThat(elsewhere.err()).contains("SEAT_ASSIGNED_TO_OTHER_MACHINE", "frees itself at 20");
    }

    @Test
    void the_account_file_is_looked_for_in_order_first_found_wins() throws IOException {
        var first = newToken("API");
        var second = newToken("API");
        run(first, "login", "--host", host);
        // ./rpd_account.json comes before the one under ~/.config
        run(second, "login", "--host", host, "--file", "rpd_account.json");
        var inWork = work.resolve("rpd_account.json");
        assertThat(inWork).exists();

        assertThat(field(inWork, "token").equals(second)).isTrue();
        var whoami = run("", "whoami");
        assertThat(whoami.out()).contains("file          " + inWork);

        // $SEATWARDEN_ACCOUNT_FILE comes before ./rpd_account.json, --file before it
        var elsewhere = Files.copy(defaultAccountFile(), folder.resolve("elsewhere.json"));
        var byVariable = record(runner("machine-a")
                .env("SEATWARDEN_ACCOUNT_FILE", elsewhere.toString())
                .run("whoami"));
        assertThat(byVariable.out()).contains("file          " + elsewhere);
        var byOption = record(runner("machine-a")
                .env("SEATWARDEN_ACCOUNT_FILE", elsewhere.toString())
                .run("whoami", "--file", inWork.toString()));
        assertThat(byOption.out()).contains("file          " + inWork);

        // $XDG_CONFIG_HOME moves the last place
        Files.delete(inWork);
        var xdg = Files.createDirectories(folder.resolve("xdg"));
        var moved = record(
                runner("machine-a").env("XDG_CONFIG_HOME", xdg.toString()).run("whoami"));
        assertThat(moved.exitCode()).isEqualTo(3);
        assertThat(moved.err())
                .contains(xdg.resolve("seatwarden/rpd_account.json").toString());
    }

    @Test
    void a_missing_or_broken_file_is_exit_3_naming_the_file_and_every_fault() throws IOException {
        var missing = run("", "whoami");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains(defaultAccountFile().toString(), "login");

        var notJson = Files.writeString(work.resolve("broken.json"), "{\n  \"host\": \"example.com\",\n  token\n}\n");
        var broken = run("", "whoami", "--file", "broken.json");
        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(broken.err()).contains(notJson + ":3:");

        var faulty = Files.writeString(
                work.resolve("faulty.json"), "{\"host\": \"ftp://example.com\", \"token\": \"swa_123\"}\n");
        var both = run("", "whoami", "--file", faulty.toString());
        assertThat(both.exitCode()).isEqualTo(3);
        assertThat(both.err()).contains(faulty + ":1:", "host", "token");
        assertThat(both.err().lines().filter(line -> line.contains(faulty.toString())))
                .hasSize(2);
    }

    @Test
    void a_file_others_can_read_is_used_with_a_warning() throws IOException {
        var secret = newToken("API");
        run(secret, "login", "--host", host);
        Files.setPosixFilePermissions(defaultAccountFile(), PosixFilePermissions.fromString("rw-r--r--"));

        var whoami = run("", "whoami");

        assertThat(whoami.exitCode()).isZero();
        assertThat(whoami.err()).contains("warning", defaultAccountFile().toString(), "0644", "chmod 600");
    }

    @Test
    void credentials_write_then_check_in_the_working_folder_and_by_variable() {
        var secret = newToken("API");

        var write = run(secret + "\n", "credentials", "write");
        var check = run("", "credentials", "check", "--host", host);

        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.out()).contains(work.resolve("credentials.json").toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("seat          NEW (this machine)");

        var other = folder.resolve("scripts/creds.json");
        var byVariable = record(runner("machine-a")
                .env("SEATWARDEN_CREDENTIALS_FILE", other.toString())
                .runWithInput(secret, "credentials", "write"));
        assertThat(byVariable.exitCode()).isZero();
        assertThat(other).exists();
    }

    @Test
    void credentials_check_of_an_unknown_token_is_exit_4_and_of_no_file_exit_3() {
        var missing = run("", "credentials", "check", "--host", host);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains(work.resolve("credentials.json").toString(), "credentials write");

        var revoked = newToken("API");
        run(revoked, "credentials", "write");
        api.reportLeaked(revoked);
        var refused = run("", "credentials", "check", "--host", host);
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("TOKEN_REVOKED");
    }

    @Test
    void a_server_that_cannot_be_reached_is_exit_5() throws IOException {
        var secret = newToken("API");
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        var login = run(secret, "login", "--host", "http://127.0.0.1:" + closed);

        assertThat(login.exitCode()).isEqualTo(5);
        assertThat(login.err()).contains("127.0.0.1:" + closed);
        assertThat(defaultAccountFile()).doesNotExist();
    }

    @Test
    void usage_errors_are_exit_2() {
        var noHost = run("", "login");
        var badHost = run("", "credentials", "check", "--host", "ftp://example.com");
        var group = run("", "credentials");

        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.err()).contains("--host");
        assertThat(badHost.exitCode()).isEqualTo(2);
        assertThat(badHost.err()).contains("--host", "http:// or https://");
        assertThat(group.exitCode()).isEqualTo(2);
    }

    @Test
    void a_token_given_as_an_argument_is_a_usage_error_that_never_repeats_it() {
        var secret = newToken("API");

        var positional = run("", "login", "--host", host, secret);
        var option = run("", "credentials", "write", "--token=" + secret);

        for (var result : List.of(positional, option)) {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("[a token]", "standard input, never as an argument");
        }
        assertThat(defaultAccountFile()).doesNotExist();
    }

    @Test
    void machine_id_prints_the_hmac_of_the_given_id() {
        var fingerprint = run("", "machine-id");

        assertThat(fingerprint.exitCode()).isZero();
        assertThat(fingerprint.out()).isEqualTo(MACHINE_A_FINGERPRINT + System.lineSeparator());
    }

    @Test
    void the_help_lists_the_client_commands() {
        var help = run("", "--help");

        assertThat(help.out()).contains("login", "whoami", "credentials", "machine-id");
        assertThat(run("", "login", "--help").out()).contains("--host", "--file");
    }

    /** Computed outside Java: {@code python3 -c "import hmac,hashlib;print(hmac.new(b'seatwarden',b'machine-a',hashlib.sha256).hexdigest())"}. */
    static final String MACHINE_A_FINGERPRINT = "c6c5730ce8d5353c0d5397efa743bf947d69f1ff257a2322228ab2d5d7eec3dc";
}
