package dev.seatwarden.application.access;

import static dev.seatwarden.application.access.TestAccess.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignedIn;
import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.AccessSettings;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The sign-in throttle holds for attempts whose slow password checks overlap: an attempt counts
 * from the moment it passes the throttle, not from when its check ends.
 */
class SignInThrottleRaceTest {

    private static final String EMAIL = "ada@example.test";
    private static final String WRONG = "not the password";

    private final MutableClock clock = new MutableClock(TestApplication.START);
    private final InMemoryAdapters adapters = new InMemoryAdapters();
    private final OverlappingHasher hasher = new OverlappingHasher(new SaltedSha256PasswordHasher());
    private final Access access;

    SignInThrottleRaceTest() {
        var ports = adapters.ports(clock);
        var useCases = UseCases.create(ports, LicensingSettings.defaults());
        access = Access.create(useCases, ports, adapters.accessPorts(hasher), AccessSettings.defaults());
        access.openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(EMAIL, Plan.PRO, Option.none()), PASSWORD))
                .getOrElseThrow(refusal -> new IllegalStateException(refusal.code()));
    }

    @Test
    void a_sixth_attempt_made_while_five_are_still_being_checked_is_refused() {
        // Given five wrong attempts, each started while the one before is still in its slow check
        hasher.overlap = 5;

        // When the first of them is made (it starts the others from inside its check)
        var first = signIn(WRONG);

        // Then every one of the five failed, and the sixth, even with the right password, was
        // refused for too many attempts without its password being checked
        assertThat(first.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials());
        // (nested outcomes are listed innermost first: the sixth attempt ends before the others)
        assertThat(hasher.nested).hasSize(5);
        assertThat(hasher.nested.get(0).getLeft()).isInstanceOf(AccessRefusal.TooManyAttempts.class);
        assertThat(hasher.nested.subList(1, 5))
                .allSatisfy(outcome -> assertThat(outcome.getLeft()).isEqualTo(new AccessRefusal.InvalidCredentials()));
        assertThat(hasher.checks).isEqualTo(5);
    }

    private Either<AccessRefusal, SignedIn> signIn(String password) {
        return access.signIn().signIn(new SignInUseCase.Command(EMAIL, password));
    }

    /** A hasher whose check starts the next attempt before it ends, {@code overlap} times. */
    private final class OverlappingHasher implements PasswordHasher {
        private final PasswordHasher real;
        int overlap;
        int checks;
        final java.util.List<Either<AccessRefusal, SignedIn>> nested = new ArrayList<>();

        OverlappingHasher(PasswordHasher real) {
            this.real = real;
        }

        @Override
        public PasswordHash hash(String password) {
            return real.hash(password);
        }

        @Override
        public boolean matches(String password, PasswordHash hash) {
            checks++;
            if (overlap > 0) {
                overlap--;
                // the last nested attempt carries the right password
                nested.add(signIn(overlap == 0 ? PASSWORD : WRONG));
            }
            return real.matches(password, hash);
        }
    }
}
