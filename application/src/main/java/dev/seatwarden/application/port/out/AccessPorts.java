package dev.seatwarden.application.port.out;

import java.util.Objects;

/**
 * The out-ports of signing in, beside the licensing {@link Ports} (whose accounts, transactions
 * and clock sign-in shares): for teams that embed the licensing rules behind their own sign-in,
 * these are optional.
 *
 * <p>{@code passwords}, {@code sessions} and {@code signInFailures} must take part in the same
 * transactions as the licensing stores.
 */
public record AccessPorts(
        Passwords passwords,
        Sessions sessions,
        SignInFailures signInFailures,
        PasswordHasher passwordHasher,
        SessionKeys sessionKeys) {
    public AccessPorts {
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(signInFailures, "signInFailures");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(sessionKeys, "sessionKeys");
    }
}
