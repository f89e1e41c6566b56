package dev.seatwarden.application.security;

import dev.seatwarden.application.port.out.SecretHasher;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * R5: SHA-256 of the secret's UTF-8 bytes, in lower-case hex. A secret carries about 190 random
 * bits, so neither salt nor a slow function adds anything (see docs/adr/0002).
 */
public final class Sha256SecretHasher implements SecretHasher {

    /** One digest per thread: looking the algorithm up on every call cost a tenth of a cached verification. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    });

    @Override
    public SecretHash hash(Secret secret) {
        // digest() resets the digest for the next call
        var digest = DIGEST.get().digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
        return new SecretHash(HexFormat.of().formatHex(digest));
    }
}
