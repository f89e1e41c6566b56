package dev.seatwarden.adapters.rest.contract;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Salted SHA-256: fast, for tests only (the server uses Argon2id). */
public final class TestPasswordHasher implements PasswordHasher {

    private final SecureRandom random = new SecureRandom();

    @Override
    public PasswordHash hash(String password) {
        var salt = new byte[16];
        random.nextBytes(salt);
        var saltHex = HexFormat.of().formatHex(salt);
        return new PasswordHash("test$" + saltHex + "$" + digest(saltHex, password));
    }

    @Override
    public boolean matches(String password, PasswordHash hash) {
        var parts = hash.encoded().split("\\$");
        return parts.length == 3
                && MessageDigest.isEqual(
                        digest(parts[1], password).getBytes(StandardCharsets.US_ASCII),
                        parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String salt, String password) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
