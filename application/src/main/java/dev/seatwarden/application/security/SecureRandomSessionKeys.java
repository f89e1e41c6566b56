package dev.seatwarden.application.security;

import dev.seatwarden.application.port.out.SessionKeys;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** Session ids and CSRF tokens: 32 bytes (256 bits) from {@link SecureRandom}, URL-safe Base64. */
public final class SecureRandomSessionKeys implements SessionKeys {

    private final SecureRandom random;

    public SecureRandomSessionKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String newKey() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
