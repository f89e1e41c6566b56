package dev.seatwarden.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * An adapter may hand the use cases {@code null} where an optional value is absent; the answer is
 * then the refusal the rules name (a missing machine id is MACHINE_ID_INVALID, R11), never an
 * exception.
 */
class NullInputsTest {

    private final UseCases app = UseCases.create(
            new InMemoryAdapters().ports(Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC)),
            LicensingSettings.defaults());

    private final AccountId owner = app.createAccount()
            .createAccount(new CreateAccountUseCase.Command("owner@example.com", Plan.PRO, null))
            .get()
            .id();

    @Test
    void a_verification_without_secret_is_token_missing_and_without_machine_id_is_machine_id_invalid() {
        var secret = app.createToken()
                .createToken(new CreateTokenUseCase.Command(owner, "ci", TokenKind.API, null, null))
                .get()
                .secret()
                .reveal();

        assertThat(app.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(TokenKind.API, null, Option.some("m1"), null, null))
                        .getLeft())
                .isEqualTo(new Refusal.TokenMissing());
        assertThat(app.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(TokenKind.API, Option.some(secret), null, null, null))
                        .getLeft())
                .isEqualTo(new Refusal.MachineIdInvalid());
        assertThat(app.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(
                                TokenKind.API, Option.some(secret), Option.some("m1"), null, null))
                        .get()
                        .assignment())
                .isEqualTo(Assignment.NEW);
    }

    @Test
    void absent_optional_values_of_the_other_commands_mean_none() {
        app.createToken().createToken(new CreateTokenUseCase.Command(owner, "ci", TokenKind.API, null, null));

        assertThat(app.listTokens().listTokens(new ListTokensUseCase.Query(owner, null)))
                .hasSize(1);
        assertThat(app.listAuditEvents()
                        .listAuditEvents(new ListAuditEventsUseCase.Query(owner, 10, null))
                        .get()
                        .events())
                .isNotEmpty();
        assertThat(app.changeAccount()
                        .changeAccount(new ChangeAccountUseCase.Command("OWNER@example.com", null, null, null))
                        .get()
                        .plan())
                .isEqualTo(Plan.PRO);
        assertThat(app.reportLeakedSecrets()
                        .reportLeaked(new ReportLeakedSecretsUseCase.Command(null))
                        .getLeft()
                        .code())
                .isEqualTo("VALIDATION_FAILED");
    }
}
