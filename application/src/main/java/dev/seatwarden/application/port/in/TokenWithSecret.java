package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.token.Secret;

/**
 * A token together with its new secret: the answer of creating (R5) or rotating (R19) a token, the
 * only moment the secret is ever shown. {@link Secret#toString()} hides it.
 */
public record TokenWithSecret(TokenView token, Secret secret) {}
