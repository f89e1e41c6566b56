package dev.seatwarden.application.port.out;

/** Makes the random values of a session: its id (the cookie) and its CSRF token. */
public interface SessionKeys {

    /** A new unguessable key of at least 256 random bits, in URL-safe characters. */
    String newKey();
}
