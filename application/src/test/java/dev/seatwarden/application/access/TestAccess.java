package dev.seatwarden.application.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignedIn;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.StoredSession;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.AccessSettings;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The sign-in use cases as a test drives them: {@link Access#create} over in-memory adapters, a
 * {@link MutableClock} and a fast, counting test hasher, with helpers that read like the spec.
 */
final class TestAccess {

    /** A password of the allowed length. */
    static final String PASSWORD = "correct horse battery staple";

    final MutableClock clock = new MutableClock(TestApplication.START);
    final InMemoryAdapters adapters = new InMemoryAdapters();
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final Ports ports = adapters.ports(clock);
    final UseCases useCases = UseCases.create(ports, LicensingSettings.defaults());
    final AccessSettings settings = AccessSettings.defaults();
    final Access access = Access.create(useCases, ports, adapters.accessPorts(hasher), settings);

    Instant now() {
        return clock.instant();
    }

    Either<Refusal, AccountView> openAccount(String email, String password) {
        return access.openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(email, Plan.PRO, Option.none()), password));
    }

    /** Opens an account with {@link #PASSWORD}; fails the test if refused. */
    AccountView givenAccount(String email) {
        var opened = openAccount(email, PASSWORD);
        assertThat(opened.isRight()).as("open %s: %s", email, opened).isTrue();
        return opened.get();
    }

    Either<AccessRefusal, SignedIn> signIn(String email, String password) {
        return access.signIn().signIn(new SignInUseCase.Command(email, password));
    }

    /** Signs in with {@link #PASSWORD}; fails the test if refused. */
    SignedIn signedIn(String email) {
        var signedIn = signIn(email, PASSWORD);
        assertThat(signedIn.isRight()).as("sign in %s: %s", email, signedIn).isTrue();
        return signedIn.get();
    }

    /** A read (GET) of the session, no CSRF token. */
    Either<AccessRefusal, AccountId> read(SignedIn session) {
        return authenticate(Option.some(session.sessionId()), false, Option.none());
    }

    /** A state-changing request (POST) of the session with {@code csrfToken}. */
    Either<AccessRefusal, AccountId> change(SignedIn session, Option<String> csrfToken) {
        return authenticate(Option.some(session.sessionId()), true, csrfToken);
    }

    Either<AccessRefusal, AccountId> authenticate(
            Option<String> sessionId, boolean changesState, Option<String> csrfToken) {
        return access.authenticateSession()
                .authenticate(new AuthenticateSessionUseCase.Query(sessionId, changesState, csrfToken));
    }

    /** The session as the store keeps it: found by the hash of its id. */
    Option<StoredSession> stored(SignedIn session) {
        return adapters.sessions().find(sha256(session.sessionId()));
    }

    /** The failures the store keeps for {@code email}, under the key the service derives. */
    int failuresOf(String email) {
        return adapters.signInFailures()
                .since(sha256(email.strip().toLowerCase(Locale.ROOT)), Instant.EPOCH)
                .size();
    }

    /** A request's answer: the refusal, or the session's account. */
    static Object outcome(Either<AccessRefusal, AccountId> answer) {
        return answer.fold(refusal -> refusal, account -> account);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
