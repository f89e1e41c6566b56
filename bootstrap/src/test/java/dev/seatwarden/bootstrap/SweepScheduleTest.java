package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server runs the inactivity sweep (R13) by itself, on its schedule. */
class SweepScheduleTest {

    @TempDir
    Path folder;

    @Test
    void the_scheduled_sweep_records_the_automatic_release_of_a_seat_inactive_for_14_days() throws Exception {
        // Given a server whose sweep runs every 100 ms, and a seat taken by a machine
        var clock = new MutableClock(Instant.parse("2030-01-07T09:00:00Z"));
        var settings = new ServerSettings(
                RestSettings.defaults().withPort(0),
                DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("s.db")),
                Duration.ofMillis(100));
        try (var server = Seatwarden.start(settings, clock)) {
            var account = server.access()
                    .openAccount()
                    .openAccount(new OpenAccountUseCase.Command(
                            new CreateAccountUseCase.Command("ada@example.com", Plan.PRO, Option.none()),
                            "a long enough password"))
                    .get()
                    .id();
            var secret = server.useCases()
                    .createToken()
                    .createToken(new CreateTokenUseCase.Command(account, "ci", TokenKind.API, null, Option.none()))
                    .get()
                    .secret()
                    .reveal();
            assertThat(server.useCases()
                            .verifyToken()
                            .verify(new VerifyTokenUseCase.Command(
                                    TokenKind.API,
                                    Option.some(secret),
                                    Option.some("m1"),
                                    Option.none(),
                                    Option.none()))
                            .isRight())
                    .isTrue();
            assertThat(autoReleases(server, account)).isZero();

            // When 14 days pass without activity
            clock.advance(Duration.ofDays(14));

            // Then, without anyone asking, the sweep releases the seat and records it as AUTO
            // (waits up to 30 s: on a loaded machine the 100 ms schedule may run late; a pass is usually
            // within a few hundred milliseconds)
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (autoReleases(server, account) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(autoReleases(server, account)).isEqualTo(1);
        }
    }

    private static long autoReleases(Seatwarden server, AccountId account) {
        return server.useCases()
                .listAuditEvents()
                .listAuditEvents(new ListAuditEventsUseCase.Query(account, 200, Option.none()))
                .get()
                .events()
                .filter(event -> event.type() == EventType.SEAT_RELEASED)
                .filter(event -> event.detail().contains("AUTO"))
                .size();
    }
}
