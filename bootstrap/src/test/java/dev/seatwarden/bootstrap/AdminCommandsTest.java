package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator's commands, run in-process on a temporary SQLite file. */
class AdminCommandsTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path folder;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T06:00:00Z"));
    private CliRunner cli;
    private String db;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(clock);
        db = "jdbc:sqlite:" + folder.resolve("seatwarden.db");
    }

    private CliRunner.Result create(String email, String plan, String password) {
        return createReading(password + "\n", email, plan);
    }

    /** {@code admin account create … --password-stdin} with {@code stdin} as its standard input. */
    private CliRunner.Result createReading(String stdin, String email, String plan) {
        return cli.runWithInput(
                stdin, "admin", "account", "create", "--email", email, "--plan", plan, "--password-stdin", "--db", db);
    }

    @Test
    void without_arguments_the_help_is_printed_and_the_exit_code_is_0() {
        // when
        var result = cli.run();

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: seatwarden", "serve", "admin");
        assertThat(result.err()).isEmpty();
    }

    static Stream<String> commands() {
        return Stream.of(
                "",
                "serve",
                "admin",
                "admin account",
                "admin account create",
                "admin account set",
                "admin account list",
                "admin seat",
                "admin seat release",
                "admin sweep",
                "admin migrate");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void every_command_prints_its_help_with_help_and_exits_0(String command) {
        // given
        var args = (command + " --help").strip().split(" ");

        // when
        var result = cli.run(args);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: seatwarden " + command);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void every_command_prints_the_version_with_version(String command) {
        // when
        var result = cli.run((command + " --version").strip().split(" "));

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("seatwarden ");
    }

    @Test
    void a_command_group_without_its_subcommand_is_a_usage_error() {
        // when
        var result = cli.run("admin", "account");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand", "Usage: seatwarden admin account");
    }

    @Test
    void an_account_is_created_with_its_password_from_standard_input_and_printed_on_one_line() {
        // when
        var result = create("ada@example.com", "PRO", PASSWORD);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines())
                .singleElement()
                .satisfies(line -> assertThat(line.split("\t"))
                        .hasSize(5)
                        .satisfies(fields -> assertThat(fields[0]).startsWith("acc_"))
                        .satisfies(fields -> assertThat(fields).endsWith("ada@example.com", "PRO", "ACTIVE", "0/1")));
    }

    @Test
    void the_integration_limit_given_at_creation_is_the_accounts_limit() {
        // when
        var result = cli.runWithInput(
                PASSWORD + "\n",
                "admin",
                "account",
                "create",
                "--email",
                "ops@example.com",
                "--plan",
                "ENTERPRISE",
                "--integration-limit",
                "7",
                "--password-stdin",
                "--db",
                db);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).endsWith("\tENTERPRISE\tACTIVE\t0/7" + System.lineSeparator());
    }

    @Test
    void an_unknown_plan_is_a_usage_error() {
        // when
        var result = create("ada@example.com", "GOLD", PASSWORD);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--plan", "GOLD");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void a_password_of_11_characters_is_a_usage_error() {
        // when
        var result = create("ada@example.com", "PRO", "a".repeat(11));

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("12 to 1024 characters");
        assertThat(cli.run("admin", "account", "list", "--db", db).out()).isEmpty();
    }

    @Test
    void a_crlf_line_ending_is_not_part_of_the_password() {
        // given 11 characters: with its \r the line would have 12
        var line = "b".repeat(11) + "\r\n";

        // when
        var result = createReading(line, "ada@example.com", "PRO");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not 11");
    }

    @Test
    void a_password_of_1024_characters_is_accepted_and_one_of_1025_is_a_usage_error() {
        // when
        var longest = create("ada@example.com", "PRO", "x".repeat(1024));
        var tooLong = create("bob@example.com", "PRO", "x".repeat(1025));

        // then
        assertThat(longest.exitCode()).isZero();
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("12 to 1024 characters");
    }

    @Test
    void characters_are_counted_as_code_points_not_utf16_units() {
        // given 12 emoji: 24 UTF-16 units, 12 characters
        var password = "\uD83D\uDE00".repeat(12);

        // when
        var result = create("ada@example.com", "PRO", password);

        // then
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void empty_standard_input_is_a_usage_error() {
        // when
        var result = createReading("", "ada@example.com", "PRO");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("standard input is empty");
    }

    @Test
    void the_password_is_never_printed() {
        // given
        var secretish = "Tr0ub4dor&3-unique-marker";

        // when
        var created = create("ada@example.com", "PRO", secretish);
        var duplicate = create("ADA@example.com", "PRO", secretish);
        var tooShort = create("bob@example.com", "PRO", "short-pw");

        // then
        assertThat(created.exitCode()).isZero();
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(tooShort.exitCode()).isEqualTo(2);
        for (var result : new CliRunner.Result[] {created, duplicate, tooShort}) {
            assertThat(result.both()).doesNotContain(secretish).doesNotContain("short-pw");
        }
    }

    @Test
    void an_e_mail_already_taken_in_another_case_is_a_usage_error_naming_the_field() {
        // given
        create("ada@example.com", "PRO", PASSWORD);

        // when
        var result = create("Ada@Example.COM", "STARTER", PASSWORD);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("seatwarden: --email: an account with this e-mail already exists" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void set_changes_plan_subscription_and_limit_and_prints_the_changed_account() {
        // given
        create("ada@example.com", "STARTER", PASSWORD);

        // when
        var result = cli.run(
                "admin",
                "account",
                "set",
                "--email",
                "ADA@example.com",
                "--plan",
                "ENTERPRISE",
                "--subscription",
                "LAPSED",
                "--integration-limit",
                "3",
                "--db",
                db);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).endsWith("\tada@example.com\tENTERPRISE\tLAPSED\t0/3" + System.lineSeparator());
    }

    @Test
    void a_negative_integration_limit_is_a_usage_error_naming_the_option() {
        // given
        create("ada@example.com", "PRO", PASSWORD);

        // when
        var result = cli.run(
                "admin", "account", "set", "--email", "ada@example.com", "--integration-limit", "-1", "--db", db);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("seatwarden: --integration-limit: must not be negative" + System.lineSeparator());
    }

    @Test
    void set_on_an_unknown_e_mail_is_a_usage_error() {
        // when
        var result = cli.run("admin", "account", "set", "--email", "nobody@example.com", "--plan", "PRO", "--db", db);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("seatwarden: --email: no account has this e-mail" + System.lineSeparator());
    }

    @Test
    void list_prints_one_tab_separated_line_per_account_oldest_first() {
        // given
        create("ada@example.com", "PRO", PASSWORD);
        clock.advance(Duration.ofSeconds(1));
        create("bob@example.com", "STARTER", PASSWORD);

        // when
        var result = cli.run("admin", "account", "list", "--db", db);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).matches("acc_\\S+\tada@example\\.com\tPRO\tACTIVE\t0/1"),
                        second -> assertThat(second).matches("acc_\\S+\tbob@example\\.com\tSTARTER\tACTIVE\t0/0"));
    }

    @Test
    void releasing_the_seat_of_an_unknown_token_is_refused_with_exit_4_and_its_code() {
        // when
        var result = cli.run("admin", "seat", "release", "--token-id", "tok_unknown", "--reason", "lost", "--db", db);

        // then
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("TOKEN_NOT_FOUND");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void an_operator_releases_an_assigned_seat_and_sweep_releases_an_inactive_one() {
        // given two tokens whose seats machines took
        var first = tokenWithSeat("laptop-1");
        var second = tokenWithSeat("laptop-2");

        // when the operator releases the first
        var release = cli.run("admin", "seat", "release", "--token-id", first, "--reason", "laptop stolen", "--db", db);

        // then
        assertThat(release.exitCode()).isZero();
        assertThat(release.out()).isEqualTo(first + " released" + System.lineSeparator());
        assertThat(cli.run("admin", "seat", "release", "--token-id", first, "--reason", "again", "--db", db)
                        .err())
                .contains("SEAT_NOT_ASSIGNED");

        // and when the second machine stays away past the inactivity period (R13), a sweep frees it
        assertThat(cli.run("admin", "sweep", "--db", db).out()).startsWith("seats released: 0");
        clock.advance(Duration.ofDays(15));
        var sweep = cli.run("admin", "sweep", "--db", db);

        // then
        assertThat(sweep.exitCode()).isZero();
        assertThat(sweep.out().lines()).containsExactly("seats released: 1", "session records purged: 0");
        assertThat(second).startsWith("tok_");
    }

    /** A token of a PRO account whose seat {@code machine} took; its id. */
    private String tokenWithSeat(String machine) {
        try (var wiring = Wiring.open(DatabaseSettings.of(db), clock)) {
            var useCases = wiring.useCases();
            var email = machine + "@example.com";
            var account = useCases.createAccount()
                    .createAccount(new CreateAccountUseCase.Command(email, Plan.PRO, Option.none()))
                    .get();
            var created = useCases.createToken()
                    .createToken(
                            new CreateTokenUseCase.Command(account.id(), "cli", TokenKind.API, "ops", Option.none()))
                    .get();
            useCases.verifyToken()
                    .verify(new VerifyTokenUseCase.Command(
                            TokenKind.API,
                            Option.some(created.secret().reveal()),
                            Option.some(machine),
                            Option.none(),
                            Option.none()))
                    .get();
            return created.token().id().value();
        }
    }

    @Test
    void migrate_applies_the_migrations_once() {
        // when
        var first = cli.run("admin", "migrate", "--db", db);
        var second = cli.run("admin", "migrate", "--db", db);

        // then
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).matches("migrations applied: [1-9][0-9]*\\R");
        assertThat(second.out()).isEqualTo("migrations applied: 0" + System.lineSeparator());
    }

    @Test
    void an_unreachable_postgresql_server_is_exit_5_without_a_stack_trace_or_the_password() {
        // when
        var result = cli.run(
                "admin",
                "account",
                "list",
                "--db",
                "jdbc:postgresql://127.0.0.1:1/seatwarden?user=ops&password=pg-secret-42&connectTimeout=2");

        // then
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err())
                .contains("127.0.0.1:1")
                .doesNotContain("pg-secret-42")
                .doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void seatwarden_debug_adds_the_stack_trace() {
        // given
        cli.env(CliContext.DEBUG, "1");

        // when
        var result = cli.run("admin", "migrate", "--db", "jdbc:postgresql://127.0.0.1:1/seatwarden?connectTimeout=2");

        // then
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("\tat ");
    }

    @Test
    void a_url_of_another_database_is_a_usage_error() {
        // when
        var result = cli.run("admin", "migrate", "--db", "jdbc:mysql://localhost/seatwarden");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("jdbc:sqlite:");
    }

    @Test
    void the_database_url_comes_from_seatwarden_db_url_and_db_wins_over_it() {
        // given
        var fromEnv = "jdbc:sqlite:" + folder.resolve("env.db");
        cli.env(DatabaseOption.URL_VARIABLE, fromEnv);

        // when an account is made without --db, and another with it
        var viaEnv = cli.runWithInput(
                PASSWORD + "\n",
                "admin",
                "account",
                "create",
                "--email",
                "env@example.com",
                "--plan",
                "PRO",
                "--password-stdin");
        var viaFlag = create("flag@example.com", "PRO", PASSWORD);

        // then each landed where it was told
        assertThat(viaEnv.exitCode()).isZero();
        assertThat(viaFlag.exitCode()).isZero();
        assertThat(cli.run("admin", "account", "list").out())
                .contains("env@example.com")
                .doesNotContain("flag@example.com");
        assertThat(cli.run("admin", "account", "list", "--db", db).out())
                .contains("flag@example.com")
                .doesNotContain("env@example.com");
    }

    @Test
    void serve_on_an_unreachable_database_exits_5() {
        // when
        var result =
                cli.run("serve", "--port", "0", "--db", "jdbc:postgresql://127.0.0.1:1/seatwarden?connectTimeout=2");

        // then
        assertThat(result.exitCode()).isEqualTo(5);
    }

    @Test
    void serve_with_a_port_that_is_not_a_number_in_seatwarden_port_is_a_usage_error() {
        // given
        cli.env(ServeCommand.PORT_VARIABLE, "eighty");

        // when
        var result = cli.run("serve", "--db", db);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("SEATWARDEN_PORT");
    }

    @Test
    void serve_with_a_port_out_of_range_is_a_usage_error() {
        // when
        var result = cli.run("serve", "--port", "70000", "--db", db);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
    }
}
