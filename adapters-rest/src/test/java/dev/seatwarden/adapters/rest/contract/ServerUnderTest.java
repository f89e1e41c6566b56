package dev.seatwarden.adapters.rest.contract;

import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.control.Option;
import java.net.URI;

/**
 * A running REST server, over whatever storage, that {@link RestApiContract} drives: its address,
 * its clock, and the operator's account commands.
 */
public interface ServerUnderTest extends AutoCloseable {

    URI baseUri();

    MutableClock clock();

    /** An account with a password, its subscription active. */
    void openAccount(String email, Plan plan, String password);

    void changeAccount(
            String email, Option<Plan> plan, Option<Subscription> subscription, Option<Integer> integrationLimit);

    @Override
    void close();
}
