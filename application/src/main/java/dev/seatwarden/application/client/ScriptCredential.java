package dev.seatwarden.application.client;

import dev.seatwarden.domain.token.Secret;
import java.util.Objects;

/** What {@code credentials.json} holds: a token for the API and for scripts (checked by R6). */
public record ScriptCredential(Secret token) {

    public ScriptCredential {
        Objects.requireNonNull(token, "token");
    }
}
