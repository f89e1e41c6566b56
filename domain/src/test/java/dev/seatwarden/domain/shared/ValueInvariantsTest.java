package dev.seatwarden.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.SeatReleasePolicy;
import dev.seatwarden.domain.fixtures.DomainGenerators;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.licensing.TokenDraft;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The guards of the value objects and the settings: a wrong value never gets into the domain. */
class ValueInvariantsTest {

    private static final Instant NOW = DomainGenerators.BASE;

    @Test
    void another_manual_release_limit_changes_only_that_limit_and_is_still_guarded() {
        var defaults = LicensingSettings.defaults();

        var three = defaults.withManualReleaseLimit(3);

        assertThat(three.manualReleaseLimit()).isEqualTo(3);
        assertThat(three.withManualReleaseLimit(defaults.manualReleaseLimit())).isEqualTo(defaults);
        assertRefused(() -> defaults.withManualReleaseLimit(0));
    }

    @Test
    void the_default_settings_are_the_numbers_of_the_rules() {
        var defaults = LicensingSettings.defaults();

        assertThat(defaults.recentUseWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.inactivityPeriod()).isEqualTo(Duration.ofDays(14));
        assertThat(defaults.manualReleaseLimit()).isEqualTo(1);
        assertThat(defaults.manualReleaseWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.reactivationUsesQuota()).isTrue();
        assertThat(defaults.useRecordingGranularity()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxRotationGrace()).isEqualTo(Duration.ofHours(24));
        assertThat(List.of(
                        defaults.starterIntegrationLimit(),
                        defaults.proIntegrationLimit(),
                        defaults.enterpriseIntegrationLimit()))
                .containsExactly(0, 1, 5);
    }

    @Test
    void settings_refuse_empty_or_negative_periods_a_zero_release_limit_and_negative_slot_limits() {
        var d = LicensingSettings.defaults();
        var zero = Duration.ZERO;
        var negative = Duration.ofSeconds(-1);
        for (var bad : new Duration[] {zero, negative}) {
            assertRefused(() -> new LicensingSettings(
                    bad,
                    d.inactivityPeriod(),
                    1,
                    d.manualReleaseWindow(),
                    true,
                    d.useRecordingGranularity(),
                    d.maxRotationGrace(),
                    0,
                    1,
                    5));
            assertRefused(() -> new LicensingSettings(
                    d.recentUseWindow(),
                    bad,
                    1,
                    d.manualReleaseWindow(),
                    true,
                    d.useRecordingGranularity(),
                    d.maxRotationGrace(),
                    0,
                    1,
                    5));
            assertRefused(() -> new LicensingSettings(
                    d.recentUseWindow(),
                    d.inactivityPeriod(),
                    1,
                    bad,
                    true,
                    d.useRecordingGranularity(),
                    d.maxRotationGrace(),
                    0,
                    1,
                    5));
        }
        assertRefused(() -> new LicensingSettings(
                d.recentUseWindow(),
                d.inactivityPeriod(),
                1,
                d.manualReleaseWindow(),
                true,
                negative,
                d.maxRotationGrace(),
                0,
                1,
                5));
        assertRefused(() -> new LicensingSettings(
                d.recentUseWindow(),
                d.inactivityPeriod(),
                1,
                d.manualReleaseWindow(),
                true,
                d.useRecordingGranularity(),
                negative,
                0,
                1,
                5));
        assertRefused(() -> new LicensingSettings(
                d.recentUseWindow(),
                d.inactivityPeriod(),
                0,
                d.manualReleaseWindow(),
                true,
                d.useRecordingGranularity(),
                d.maxRotationGrace(),
                0,
                1,
                5));
        for (int which = 0; which < 3; which++) {
            int[] limits = {0, 1, 5};
            limits[which] = -1;
            assertRefused(() -> new LicensingSettings(
                    d.recentUseWindow(),
                    d.inactivityPeriod(),
                    1,
                    d.manualReleaseWindow(),
                    true,
                    d.useRecordingGranularity(),
                    d.maxRotationGrace(),
                    limits[0],
                    limits[1],
                    limits[2]));
        }
        // zero granularity and zero grace are allowed: write every use, allow no grace
        var exact = new LicensingSettings(
                d.recentUseWindow(), d.inactivityPeriod(), 1, d.manualReleaseWindow(), true, zero, zero, 0, 0, 0);
        assertThat(exact.useRecordingGranularity()).isZero();
        assertThatThrownBy(() -> new SeatReleasePolicy(0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ids_and_hashes_are_never_blank_and_ids_print_as_themselves() {
        assertRefused(() -> new AccountId(" "));
        assertRefused(() -> new TokenId(""));
        assertRefused(() -> new SecretHash("  "));
        assertThat(new AccountId("acc_1")).hasToString("acc_1");
        assertThat(new TokenId("tok_1")).hasToString("tok_1");
        assertThat(new MachineId("m-1")).hasToString("m-1");
        assertThat(new TokenId("tok_a").compareTo(new TokenId("tok_b"))).isNegative();
        assertThat(new TokenId("tok_b").compareTo(new TokenId("tok_a"))).isPositive();
    }

    @Test
    void a_validation_refusal_names_at_least_one_field() {
        assertRefused(() -> new Refusal.ValidationFailed(List.empty()));
    }

    @Test
    void an_account_refuses_a_negative_integration_limit() {
        assertRefused(() -> Account.create(new AccountId("acc_1"), new Email("a@b.c"), Plan.PRO, Option.some(-1), NOW));
        assertThat(Account.create(new AccountId("acc_1"), new Email("a@b.c"), Plan.PRO, Option.some(0), NOW)
                        .value()
                        .integrationTokenLimit(LicensingSettings.defaults()))
                .isZero();
    }

    @Test
    void optional_text_may_be_absent_but_required_text_may_not() {
        assertThat(Text.check("assignee", null, 0, 100).get()).isEmpty();
        assertThat(Text.check("name", null, 1, 100).getLeft()).isEqualTo(new FieldError("name", "is required"));
    }

    @Test
    void a_token_is_only_created_with_a_secret_of_the_kind_asked_for() {
        var licensing = new Licensing(LicensingSettings.defaults());
        var draft = new TokenDraft(new TokenName("ci"), TokenKind.INTEGRATION, Option.none(), Option.none());
        var apiSecret = DomainGenerators.secret(TokenKind.API, 1);

        assertThatThrownBy(() -> licensing.create(
                        DomainGenerators.eligibleAccount(DomainGenerators.ACCOUNT),
                        List.empty(),
                        draft,
                        new TokenId("tok_1"),
                        apiSecret,
                        DomainGenerators.hashOf(apiSecret),
                        NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_secret_prints_only_its_kind_and_hint_and_equals_a_parse_of_itself() {
        var secret = DomainGenerators.secret(TokenKind.INTEGRATION, 7);
        var again =
                dev.seatwarden.domain.token.SecretFormat.parse(secret.reveal()).get();

        assertThat(secret.toString()).contains("INTEGRATION", secret.hint()).doesNotContain(secret.reveal());
        assertThat(again).isEqualTo(secret).hasSameHashCodeAs(secret);
        assertThat(again).isNotEqualTo(DomainGenerators.secret(TokenKind.INTEGRATION, 8));
        assertThat(new SecretHash("abc123")).hasToString("SecretHash[hidden]");
    }

    @Test
    void R19_a_rotation_without_grace_forgets_the_old_secret_at_once() {
        var old = DomainGenerators.secret(TokenKind.API, 3);
        var token = DomainGenerators.token(DomainGenerators.ACCOUNT, TokenKind.API, 3, NOW.minusSeconds(60));
        var fresh = DomainGenerators.secret(TokenKind.API, 4);

        var rotated = token.rotate(DomainGenerators.hashOf(fresh), fresh.hint(), Duration.ZERO, NOW)
                .get()
                .value();

        assertThat(rotated.previousSecret()).isEmpty();
        assertThat(rotated.acceptsSecret(DomainGenerators.hashOf(old), NOW)).isFalse();
        assertThat(rotated.acceptsSecret(DomainGenerators.hashOf(fresh), NOW)).isTrue();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOf(IllegalArgumentException.class);
    }
}
