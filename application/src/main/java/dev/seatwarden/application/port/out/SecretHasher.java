package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretHash;

/** R5: the one-way function under which secrets are stored and looked up. Deterministic. */
public interface SecretHasher {
    SecretHash hash(Secret secret);
}
