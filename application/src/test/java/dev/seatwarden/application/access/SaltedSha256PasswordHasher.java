package dev.seatwarden.application.access;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast {@link PasswordHasher} for tests only (a real one is slow and memory-hard): salted
 * SHA-256, {@code test-sha256$<salt>$<hash>}. Counts its calls, so that a test can see that an
 * unknown e-mail costs what a wrong password costs.
 */
final class SaltedSha256PasswordHasher implements PasswordHasher {

    private static final String PREFIX = "test-sha256";

    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger matches = new AtomicInteger();

    @Override
    public PasswordHash hash(String password) {
        hashes.incrementAndGet();
        var salt = new byte[16];
        random.nextBytes(salt);
        return new PasswordHash(PREFIX + "$" + encode(salt) + "$" + encode(digest(salt, password)));
    }

    @Override
    public boolean matches(String password, PasswordHash hash) {
        matches.incrementAndGet();
        var parts = hash.encoded().split("\\$", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            var salt = Base64.getDecoder().decode(parts[1]);
            return MessageDigest.isEqual(
                    digest(salt, password), Base64.getDecoder().decode(parts[2]));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** How many times {@link #hash} was called. */
    int hashes() {
        return hashes.get();
    }

    /** How many times {@link #matches} was called. */
    int matchesCalls() {
        return matches.get();
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
