package dev.seatwarden.application.security;

import dev.seatwarden.application.port.out.SecretGenerator;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import java.security.SecureRandom;
import java.util.Objects;

/** R6: secrets whose 32 random characters (about 190 bits) come from {@link SecureRandom}. */
public final class SecureRandomSecretGenerator implements SecretGenerator {

    private final SecureRandom random;

    public SecureRandomSecretGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Secret generate(TokenKind kind) {
        return SecretFormat.generate(kind, random::nextInt);
    }
}
