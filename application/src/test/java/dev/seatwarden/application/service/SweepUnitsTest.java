package dev.seatwarden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.token.TokenKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: the sweep (R13, R20) takes a unit of work only for a seat that it changes. Every
 * assigned seat used to take one, every minute: on SQLite a place in the one writer's queue each.
 */
class SweepUnitsTest {

    private static final String MACHINE = "machine-1";

    private final MutableClock clock = new MutableClock(TestApplication.START);
    private final AtomicInteger units = new AtomicInteger();
    private final TestApplication app =
            TestApplication.over(counted(new InMemoryAdapters().ports(clock)), clock, LicensingSettings.defaults());

    @Test
    void a_sweep_of_active_seats_takes_no_unit_of_work() {
        var account = app.accountOn(Plan.ENTERPRISE);
        for (int i = 0; i < 5; i++) {
            app.verify(app.createApiToken(account.id()), MACHINE + i).get();
        }
        units.set(0);

        assertThat(app.sweep()).isZero();
        assertThat(units.get()).isZero();
    }

    @Test
    void only_the_seats_to_release_take_a_unit_and_each_is_released() {
        var account = app.accountOn(Plan.ENTERPRISE);
        var idle = app.createApiToken(account.id());
        var expiring =
                app.createExpiringToken(account.id(), TokenKind.API, app.now().plus(Duration.ofDays(3)));
        app.verify(idle, MACHINE).get();
        app.verify(expiring, MACHINE + "-2").get();
        app.advance(Duration.ofDays(13));
        var active = new ArrayList<TokenWithSecret>();
        for (int i = 0; i < 3; i++) {
            var token = app.createApiToken(account.id());
            app.verify(token, MACHINE + "-active-" + i).get();
            active.add(token);
        }
        app.advance(Duration.ofDays(1));
        units.set(0);

        assertThat(app.sweep()).isEqualTo(2);
        assertThat(units.get())
                .as("one unit for each of the two seats released")
                .isEqualTo(2);
        assertThat(app.token(account.id(), idle.token().id()).seat().assigned()).isFalse();
        assertThat(app.token(account.id(), expiring.token().id()).seat().assigned())
                .isFalse();
        for (var token : active) {
            assertThat(app.token(account.id(), token.token().id()).seat().assigned())
                    .isTrue();
        }

        units.set(0);
        assertThat(app.sweep()).isZero();
        assertThat(units.get()).isZero();
    }

    private Ports counted(Ports ports) {
        var transactions = ports.transactions();
        Transactions counting = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                units.incrementAndGet();
                return transactions.inTransaction(work);
            }
        };
        return new Ports(
                ports.accounts(),
                ports.tokens(),
                ports.seats(),
                ports.auditLog(),
                counting,
                ports.secretGenerator(),
                ports.secretHasher(),
                ports.idGenerator(),
                ports.clock());
    }
}
