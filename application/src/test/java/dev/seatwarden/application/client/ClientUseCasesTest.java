package dev.seatwarden.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryCredentialFiles;
import dev.seatwarden.application.memory.InMemoryLicenseServer;
import dev.seatwarden.application.memory.InMemoryMachineIdentity;
import dev.seatwarden.application.port.in.CheckCredentialsUseCase;
import dev.seatwarden.application.port.in.LogInUseCase;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.WriteCredentialsUseCase;
import dev.seatwarden.application.port.out.ClientPorts;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.application.port.out.LicenseServer;
import dev.seatwarden.application.service.Client;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client use cases over in-memory ports: a license server that is the verification use case
 * itself, credential files in memory, a given machine.
 */
class ClientUseCasesTest {

    private static final MachineId MACHINE = new MachineId("laptop-1");
    private static final ServerAddress HOST =
            ServerAddress.parse("licenses.example.com").get();

    private final TestApplication app = TestApplication.start();
    private final InMemoryCredentialFiles<AccountCredential> accountFiles =
            new InMemoryCredentialFiles<>(Path.of("/home/ada/.config/seatwarden/rpd_account.json"), "login");
    private final InMemoryCredentialFiles<ScriptCredential> credentialsFiles =
            new InMemoryCredentialFiles<>(Path.of("/work/credentials.json"), "credentials write");
    private final AtomicInteger serverCalls = new AtomicInteger();
    private final java.util.List<TokenKind> surfaces = new ArrayList<>();
    private final java.util.List<String> warnings = new ArrayList<>();
    private final LicenseServer server = (address, surface, secret, machine) -> {
        serverCalls.incrementAndGet();
        surfaces.add(surface);
        return new InMemoryLicenseServer(app.useCases().verifyToken()).verify(address, surface, secret, machine);
    };

    private Client client(CredentialFiles<AccountCredential> accounts) {
        return Client.create(new ClientPorts(
                accounts, credentialsFiles, new InMemoryMachineIdentity(MACHINE), server, warnings::add));
    }

    private final Client client = client(accountFiles);

    private String newSecret(TokenKind kind) {
        return app.createToken(app.accountOn(Plan.PRO).id(), kind).secret().reveal();
    }

    @Test
    void login_verifies_from_this_machine_then_saves_the_token_with_the_host() {
        var secret = newSecret(TokenKind.API);

        var loggedIn = client.logIn().logIn(new LogInUseCase.Command(HOST, secret + "\n", Option.none()));

        assertThat(loggedIn.get().verification().assignment()).isEqualTo(Assignment.NEW);
        assertThat(loggedIn.get().verification().machine()).isEqualTo(MACHINE);
        var saved = accountFiles.read(Option.none()).get().credential();
        assertThat(saved.host()).isEqualTo(HOST);
        assertThat(saved.token().reveal()).isEqualTo(secret);
        assertThat(surfaces).containsExactly(TokenKind.API);
    }

    @Test
    void a_refused_login_saves_nothing() {
        var integration = newSecret(TokenKind.INTEGRATION);

        var refused = client.logIn().logIn(new LogInUseCase.Command(HOST, integration, Option.none()));

        assertThat(refused.getLeft()).isEqualTo(ClientFailure.Refused.of("TOKEN_KIND_MISMATCH"));
        assertThat(accountFiles.read(Option.none()).isInvalid()).isTrue();
    }

    @Test
    void a_malformed_token_is_a_bad_credential_from_standard_input_and_never_reaches_the_server() {
        var secret = newSecret(TokenKind.API);
        var typo = secret.substring(0, 41) + (secret.endsWith("A") ? "B" : "A");

        var refused = client.logIn().logIn(new LogInUseCase.Command(HOST, typo, Option.none()));

        var bad = (ClientFailure.BadCredential) refused.getLeft();
        assertThat(bad.faults()).hasSize(1);
        assertThat(bad.faults().head().describe())
                .startsWith("standard input: not a Seatwarden token: its checksum does not match")
                .doesNotContain(typo);
        assertThat(serverCalls).hasValue(0);
    }

    @Test
    void show_login_verifies_the_saved_token_and_passes_the_files_warnings_on() {
        var secret = newSecret(TokenKind.API);
        client.logIn().logIn(new LogInUseCase.Command(HOST, secret, Option.none()));
        CredentialFiles<AccountCredential> warning = new CredentialFiles<>() {
            @Override
            public Validation<io.vavr.collection.Seq<CredentialFault>, Found<AccountCredential>> read(
                    Option<Path> explicit) {
                return accountFiles
                        .read(explicit)
                        .map(found -> new Found<>(found.file(), found.credential(), List.of("others can read it")));
            }

            @Override
            public Either<CredentialFault, Path> write(Option<Path> explicit, AccountCredential credential) {
                return accountFiles.write(explicit, credential);
            }
        };

        var login = client(warning).showLogin().showLogin(Option.none());

        assertThat(login.get().verification().assignment()).isEqualTo(Assignment.CONTINUING);
        assertThat(login.get().host()).isEqualTo(HOST);
        assertThat(warnings).containsExactly("others can read it");
    }

    @Test
    void show_login_without_a_file_is_a_bad_credential_naming_where_it_looked() {
        var missing = client.showLogin().showLogin(Option.none());

        var bad = (ClientFailure.BadCredential) missing.getLeft();
        assertThat(bad.faults().head().describe()).startsWith("/home/ada/.config/seatwarden/rpd_account.json");
        assertThat(serverCalls).hasValue(0);
    }

    @Test
    void credentials_are_written_after_the_offline_check_and_checked_on_the_api_surface() {
        var secret = newSecret(TokenKind.API);

        var written = client.writeCredentials()
                .writeCredentials(new WriteCredentialsUseCase.Command("  " + secret + "\r\n", Option.none()));
        var checked =
                client.checkCredentials().checkCredentials(new CheckCredentialsUseCase.Command(HOST, Option.none()));

        assertThat(written.get().kind()).isEqualTo(TokenKind.API);
        assertThat(serverCalls).hasValue(1);
        assertThat(checked.map(CheckCredentialsUseCase.Checked::verification).map(VerificationResult::assignment))
                .containsExactly(Assignment.NEW);
        assertThat(surfaces).containsExactly(TokenKind.API);
        assertThat(warnings).isEmpty();
    }

    @Test
    void an_integration_token_is_written_with_a_warning() {
        var integration = newSecret(TokenKind.INTEGRATION);

        var written = client.writeCredentials()
                .writeCredentials(new WriteCredentialsUseCase.Command(integration, Option.none()));

        assertThat(written.get().kind()).isEqualTo(TokenKind.INTEGRATION);
        assertThat(warnings).singleElement().asString().contains("integration token", "swi_", "swa_");
        assertThat(credentialsFiles
                        .read(Option.none())
                        .get()
                        .credential()
                        .token()
                        .reveal())
                .isEqualTo(integration);
    }

    @Test
    void a_machine_without_a_fingerprint_ends_the_command_before_the_server() {
        var secret = newSecret(TokenKind.API);
        var noMachine = Client.create(new ClientPorts(
                accountFiles, credentialsFiles, () -> Either.left("no machine id anywhere"), server, warnings::add));

        var failed = noMachine.logIn().logIn(new LogInUseCase.Command(HOST, secret, Option.none()));

        assertThat(failed.getLeft()).isEqualTo(new ClientFailure.NoMachineId("no machine id anywhere"));
        assertThat(serverCalls).hasValue(0);
    }

    @Test
    void the_commands_never_show_the_token_in_their_descriptions() {
        var secret = newSecret(TokenKind.API);

        assertThat(new LogInUseCase.Command(HOST, secret, Option.none()).toString())
                .doesNotContain(secret);
        assertThat(new WriteCredentialsUseCase.Command(secret, Option.none()).toString())
                .doesNotContain(secret);
        Secret parsed = TokenInput.parse(secret).get();
        assertThat(new AccountCredential(HOST, parsed).toString()).doesNotContain(secret);
        assertThat(new ScriptCredential(parsed).toString()).doesNotContain(secret);
    }
}
