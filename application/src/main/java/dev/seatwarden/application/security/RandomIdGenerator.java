package dev.seatwarden.application.security;

import dev.seatwarden.application.port.out.IdGenerator;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenId;
import java.security.SecureRandom;
import java.util.Objects;

/** Ids of a prefix and 20 random base62 characters ({@code tok_…}, {@code acc_…}). */
public final class RandomIdGenerator implements IdGenerator {

    private static final int LENGTH = 20;

    private final SecureRandom random;

    public RandomIdGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public AccountId newAccountId() {
        return new AccountId("acc_" + randomPart());
    }

    @Override
    public TokenId newTokenId() {
        return new TokenId("tok_" + randomPart());
    }

    private String randomPart() {
        var id = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            id.append(SecretFormat.ALPHABET.charAt(random.nextInt(SecretFormat.ALPHABET.length())));
        }
        return id.toString();
    }
}
