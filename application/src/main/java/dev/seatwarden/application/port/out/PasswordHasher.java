package dev.seatwarden.application.port.out;

/** Hashes account passwords with a slow, memory-hard function, and checks them. */
public interface PasswordHasher {

    /** A new hash of {@code password}, with a fresh random salt. */
    PasswordHash hash(String password);

    /**
     * Whether {@code password} is the one {@code hash} was made from; as slow as {@link #hash}, and
     * in time independent of where the two differ.
     */
    boolean matches(String password, PasswordHash hash);
}
