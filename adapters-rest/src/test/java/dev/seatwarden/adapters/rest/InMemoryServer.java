package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.contract.ServerUnderTest;
import dev.seatwarden.adapters.rest.contract.TestPasswordHasher;
import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.AccessSettings;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.shared.LicensingSettings;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** The REST server over in-memory adapters and a test clock, on a free port. */
public final class InMemoryServer implements ServerUnderTest {

    public static final Instant START = Instant.parse("2030-01-07T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final UseCases useCases;
    private final Access access;
    private final RestServer server;
    private final RestUseCases restUseCases;

    public InMemoryServer() {
        this(RestSettings.defaults().withPort(0), UnaryOperator.identity());
    }

    /** With other settings, and use cases the test may wrap. */
    public InMemoryServer(RestSettings settings, UnaryOperator<RestUseCases> wrap) {
        var adapters = new InMemoryAdapters();
        var ports = adapters.ports(clock);
        this.useCases = UseCases.create(ports, LicensingSettings.defaults());
        this.access = Access.create(
                useCases, ports, adapters.accessPorts(new TestPasswordHasher()), AccessSettings.defaults());
        var rest = RestUseCases.of(useCases, access, () -> true, clock);
        this.restUseCases = wrap.apply(rest);
        this.server = RestServer.start(settings, restUseCases);
    }

    /** What the server calls. */
    public RestUseCases restUseCases() {
        return restUseCases;
    }

    public RestServer server() {
        return server;
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void openAccount(String email, Plan plan, String password) {
        access.openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(email, plan, Option.none()), password))
                .getOrElseThrow(refusal -> new IllegalStateException("could not open account: " + refusal.code()));
    }

    @Override
    public void changeAccount(
            String email, Option<Plan> plan, Option<Subscription> subscription, Option<Integer> integrationLimit) {
        useCases.changeAccount()
                .changeAccount(new ChangeAccountUseCase.Command(email, plan, subscription, integrationLimit))
                .getOrElseThrow(refusal -> new IllegalStateException("could not change account: " + refusal.code()));
    }

    @Override
    public void close() {
        server.close();
    }
}
