package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.domain.account.Plan;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAccountTest {

    @TempDir
    Path folder;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T06:00:00Z"));

    @Test
    void on_an_empty_database_a_pro_demo_account_is_made_whose_generated_password_signs_in() {
        try (var wiring = Wiring.open(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("d.db")), clock)) {
            // when
            var password = DemoAccount.create(wiring.useCases(), wiring.access(), new SecureRandom())
                    .get();

            // then
            assertThat(password).matches("[0-9A-Za-z]{20}");
            assertThat(wiring.useCases().listAccounts().listAccounts())
                    .singleElement()
                    .satisfies(account -> {
                        assertThat(account.email()).isEqualTo(DemoAccount.EMAIL);
                        assertThat(account.plan()).isEqualTo(Plan.PRO);
                    });
            assertThat(wiring.access()
                            .signIn()
                            .signIn(new SignInUseCase.Command(DemoAccount.EMAIL, password))
                            .isRight())
                    .isTrue();
        }
    }

    @Test
    void on_a_database_with_accounts_no_demo_account_is_made() {
        try (var wiring = Wiring.open(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("d.db")), clock)) {
            // given
            DemoAccount.create(wiring.useCases(), wiring.access(), new SecureRandom());

            // when
            var second = DemoAccount.create(wiring.useCases(), wiring.access(), new SecureRandom());

            // then
            assertThat(second.getLeft()).contains("not empty");
            assertThat(wiring.useCases().listAccounts().listAccounts()).hasSize(1);
        }
    }

    @Test
    void generated_passwords_differ() {
        var random = new SecureRandom();
        assertThat(DemoAccount.password(random)).isNotEqualTo(DemoAccount.password(random));
    }
}
