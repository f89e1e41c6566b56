package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;

/** R6: makes new secrets from a CSPRNG. */
public interface SecretGenerator {
    Secret generate(TokenKind kind);
}
