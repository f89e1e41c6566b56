package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import dev.seatwarden.adapters.rest.contract.ServerUnderTest;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * The real server as {@code serve} wires it (database, use cases, sign-in with Argon2id, REST),
 * in this process on a free port, over a database of the test's choice and a clock the test sets.
 */
final class WiredServer implements ServerUnderTest {

    /** A whole second, so that microsecond storage keeps it exactly. */
    private static final Instant START = Instant.parse("2030-01-07T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Seatwarden seatwarden;
    private final Runnable afterClose;

    WiredServer(DatabaseSettings database, Runnable afterClose) {
        // The sweep is the test's to run: a long interval keeps the scheduled one out of the way.
        var settings = new ServerSettings(RestSettings.defaults().withPort(0), database, Duration.ofDays(1));
        this.seatwarden = Seatwarden.start(settings, clock);
        this.afterClose = afterClose;
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + seatwarden.port());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void openAccount(String email, Plan plan, String password) {
        seatwarden
                .access()
                .openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(email, plan, Option.none()), password))
                .getOrElseThrow(refusal -> new IllegalStateException("account not opened: " + refusal.code()));
    }

    @Override
    public void changeAccount(
            String email, Option<Plan> plan, Option<Subscription> subscription, Option<Integer> integrationLimit) {
        seatwarden
                .useCases()
                .changeAccount()
                .changeAccount(new ChangeAccountUseCase.Command(email, plan, subscription, integrationLimit))
                .getOrElseThrow(refusal -> new IllegalStateException("account not changed: " + refusal.code()));
    }

    @Override
    public void close() {
        try {
            seatwarden.close();
        } finally {
            afterClose.run();
        }
    }
}
