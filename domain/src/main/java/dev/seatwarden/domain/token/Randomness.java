package dev.seatwarden.domain.token;

/**
 * A source of uniformly distributed indexes, injected so that the domain never reaches for a
 * random generator of its own. In production a CSPRNG ({@code SecureRandom::nextInt}).
 */
@FunctionalInterface
public interface Randomness {
    /** A uniformly distributed value in {@code [0, bound)}. */
    int nextInt(int bound);
}
