package dev.seatwarden.application.testing;

import dev.seatwarden.application.port.out.SecretGenerator;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import java.util.Random;

/**
 * R6 secrets drawn from a seeded {@link Random}, so that a seed replays a run exactly. For tests
 * only: the production generator draws from a CSPRNG.
 */
public final class SeededSecretGenerator implements SecretGenerator {

    private final Random random;

    public SeededSecretGenerator(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public synchronized Secret generate(TokenKind kind) {
        return SecretFormat.generate(kind, random::nextInt);
    }
}
