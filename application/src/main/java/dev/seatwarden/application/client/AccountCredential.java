package dev.seatwarden.application.client;

import dev.seatwarden.domain.token.Secret;
import java.util.Objects;

/** What {@code rpd_account.json} holds: the server and the CLI's token (checked by R6). */
public record AccountCredential(ServerAddress host, Secret token) {

    public AccountCredential {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
    }
}
