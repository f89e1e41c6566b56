package dev.seatwarden.application.security;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most a fixed number of password hashes or checks run at once; the others wait their
 * turn. A memory-hard hash takes tens of MiB each: without a bound, a burst of sign-ins (a few
 * hundred, one per server thread) would take gigabytes and starve every other request.
 */
public final class BoundedPasswordHasher implements PasswordHasher {

    private final PasswordHasher hasher;
    private final Semaphore permits;

    /** @param atOnce how many may run at the same time, at least 1 */
    public BoundedPasswordHasher(PasswordHasher hasher, int atOnce) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one hash may run");
        }
        this.permits = new Semaphore(atOnce, true);
    }

    /** As many at once as the machine has processors: more would only queue for them anyway. */
    public static BoundedPasswordHasher perProcessor(PasswordHasher hasher) {
        return new BoundedPasswordHasher(hasher, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public PasswordHash hash(String password) {
        return bounded(() -> hasher.hash(password));
    }

    @Override
    public boolean matches(String password, PasswordHash hash) {
        return bounded(() -> hasher.matches(password, hash));
    }

    private <T> T bounded(Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to check a password", interrupted);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
