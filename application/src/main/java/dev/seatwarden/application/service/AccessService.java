package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.AuthenticateSessionUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.PurgeSessionsUseCase;
import dev.seatwarden.application.port.in.SignInUseCase;
import dev.seatwarden.application.port.in.SignOutUseCase;
import dev.seatwarden.application.port.in.SignedIn;
import dev.seatwarden.application.port.out.AccessPorts;
import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.StoredSession;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.Lazy;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/** Accounts with passwords, sessions and the sign-in throttle. */
final class AccessService
        implements OpenAccountUseCase, SignInUseCase, SignOutUseCase, AuthenticateSessionUseCase, PurgeSessionsUseCase {

    /** Keeps the CSRF token's derivation apart from the session id's own hash (the stored key). */
    private static final String CSRF_DERIVATION = "seatwarden csrf token of session ";

    private final UseCases useCases;
    private final Ports ports;
    private final AccessPorts access;
    private final AccessSettings settings;
    private final UnitOfWork work;

    /**
     * What an unknown e-mail's password is checked against, so that it costs what a wrong password
     * costs. Made on first use from a random password nobody knows.
     */
    private final Lazy<PasswordHash> decoy;

    AccessService(UseCases useCases, Ports ports, AccessPorts access, AccessSettings settings) {
        this.useCases = useCases;
        this.ports = ports;
        this.access = access;
        this.settings = settings;
        // the same unit as the use cases', so that a change made inside one is announced after it
        this.work = useCases.work();
        this.decoy =
                Lazy.of(() -> access.passwordHasher().hash(access.sessionKeys().newKey()));
    }

    @Override
    public Either<Refusal, AccountView> openAccount(OpenAccountUseCase.Command command) {
        var password = command.password();
        if (password == null || password.isEmpty()) {
            return Either.left(Refusal.ValidationFailed.of("password", "is required"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < settings.minPasswordLength() || length > settings.maxPasswordLength()) {
            return Either.left(Refusal.ValidationFailed.of(
                    "password",
                    "must be " + settings.minPasswordLength() + " to " + settings.maxPasswordLength()
                            + " characters long"));
        }
        // The slow hash runs before the unit, so that no transaction waits for it.
        var hash = access.passwordHasher().hash(password);
        return useCases.accountService()
                .createAccount(command.account(), account -> access.passwords().save(account.id(), hash));
    }

    @Override
    public Either<AccessRefusal, SignedIn> signIn(SignInUseCase.Command command) {
        var emailKey = emailKey(command.email());
        var password = command.password() == null ? "" : command.password();
        var checked = work.run(() -> {
            var now = ports.clock().instant();
            var throttled = retryAt(emailKey, now);
            if (throttled.isDefined()) {
                return Either.<AccessRefusal, Option<Candidate>>left(
                        new AccessRefusal.TooManyAttempts(throttled.get()));
            }
            // Counted as a failure from the start, in the transaction that checked the count, so
            // that concurrent attempts cannot all pass the check before any failure is recorded;
            // a success below clears it with the others.
            access.signInFailures().record(emailKey, now);
            return Either.<AccessRefusal, Option<Candidate>>right(Email.parse(command.email())
                    .toOption()
                    .flatMap(email -> ports.accounts().findByEmail(email))
                    .flatMap(account ->
                            access.passwords().find(account.id()).map(hash -> new Candidate(account.id(), hash))));
        });
        if (checked.isLeft()) {
            return Either.left(checked.getLeft());
        }
        var candidate = checked.get();
        // The same slow check whether or not the e-mail is known (rest-api.md: the same answer).
        boolean matches = access.passwordHasher()
                .matches(password, candidate.map(Candidate::hash).getOrElse(decoy));
        if (!matches || candidate.isEmpty()) {
            // already recorded as a failure when the count was checked
            return Either.left(new AccessRefusal.InvalidCredentials());
        }
        var account = candidate.get().account();
        var sessionId = access.sessionKeys().newKey();
        var csrfToken = csrfTokenOf(sessionId);
        var view = work.run(() -> {
            var now = ports.clock().instant();
            access.signInFailures().clear(emailKey);
            access.sessions().save(new StoredSession(sha256(sessionId), account, sha256(csrfToken), now, now));
            return useCases.getAccount().getAccount(new GetAccountUseCase.Query(account));
        });
        if (view.isEmpty()) {
            // The account went away between the check and the session: as if it never existed.
            return Either.left(new AccessRefusal.InvalidCredentials());
        }
        return Either.right(new SignedIn(view.get(), sessionId, csrfToken));
    }

    @Override
    public void signOut(String sessionId) {
        if (sessionId != null && !sessionId.isEmpty()) {
            work.run(() -> {
                access.sessions().delete(sha256(sessionId));
                return null;
            });
        }
    }

    @Override
    public Either<AccessRefusal, AccountId> authenticate(AuthenticateSessionUseCase.Query query) {
        if (query.sessionId().filter(id -> !id.isEmpty()).isEmpty()) {
            return Either.left(new AccessRefusal.AuthenticationRequired());
        }
        var idHash = sha256(query.sessionId().get());
        return work.run(() -> {
            var now = ports.clock().instant();
            var found = access.sessions().find(idHash);
            if (found.isEmpty()) {
                return Either.left(new AccessRefusal.AuthenticationRequired());
            }
            var session = found.get();
            if (hasEnded(session, now)) {
                access.sessions().delete(idHash);
                return Either.left(new AccessRefusal.AuthenticationRequired());
            }
            if (query.changesState() && !csrfMatches(session, query.sessionId().get(), query.csrfToken())) {
                return Either.left(new AccessRefusal.CsrfTokenInvalid());
            }
            if (!session.lastSeenAt().plus(settings.activityGranularity()).isAfter(now)) {
                access.sessions().touch(idHash, now);
            }
            return Either.right(session.account());
        });
    }

    @Override
    public int purge() {
        return work.run(() -> {
            var now = ports.clock().instant();
            int sessions = access.sessions()
                    .deleteEnded(now.minus(settings.sessionIdleTimeout()), now.minus(settings.sessionMaxAge()));
            int failures = access.signInFailures().deleteBefore(now.minus(settings.signInFailureWindow()));
            return sessions + failures;
        });
    }

    /** Ended at exactly the idle timeout or the maximum age, as R18 draws boundaries. */
    private boolean hasEnded(StoredSession session, Instant now) {
        return !session.lastSeenAt().plus(settings.sessionIdleTimeout()).isAfter(now)
                || !session.signedInAt().plus(settings.sessionMaxAge()).isAfter(now);
    }

    /**
     * The token sign-in gave (its hash is stored), or the one derived from the session's id, which
     * is the same for sessions begun since tokens are derived and lets older ones recover theirs
     * through {@code GET /v1/account}.
     */
    private boolean csrfMatches(StoredSession session, String sessionId, Option<String> presented) {
        return presented.exists(token -> equalInConstantTime(sha256(token), session.csrfHash())
                || equalInConstantTime(token, csrfTokenOf(sessionId)));
    }

    private static boolean equalInConstantTime(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * When sign-in is allowed again, if the e-mail's failures in the window ending now reach the
     * limit: the moment the oldest one that keeps the count at the limit leaves the window. A
     * failure at {@code f} lies in the window ending at {@code t} while {@code t - window < f}.
     */
    private Option<Instant> retryAt(String emailKey, Instant now) {
        var windowStart = now.minus(settings.signInFailureWindow());
        var recent = access.signInFailures().since(emailKey, windowStart).filter(at -> at.isAfter(windowStart));
        int limit = settings.maxSignInFailures();
        return recent.size() >= limit
                ? Option.some(recent.sorted().get(recent.size() - limit).plus(settings.signInFailureWindow()))
                : Option.none();
    }

    /**
     * A session's CSRF token: derived one way from its id, so that a page reloaded while its session
     * lives can get it again ({@code GET /v1/account}) from the id in its cookie, which only the
     * session's own browser sends; knowing the token reveals nothing of the id.
     */
    @Override
    public String csrfTokenOf(String sessionId) {
        return sha256(CSRF_DERIVATION + sessionId);
    }

    /** The address compared without regard to case, hashed: the store keeps no address typed at the sign-in form. */
    private static String emailKey(String email) {
        return sha256(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    static String sha256(String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    /** An account that has a password, and that password's hash. */
    private record Candidate(AccountId account, PasswordHash hash) {}
}
