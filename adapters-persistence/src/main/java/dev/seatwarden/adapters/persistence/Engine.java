package dev.seatwarden.adapters.persistence;

import io.vavr.control.Either;

/** The database engines Seatwarden runs on, told apart by the JDBC URL's prefix. */
public enum Engine {
    /** Embedded SQLite (xerial sqlite-jdbc): one file, no server; the default. */
    SQLITE("jdbc:sqlite:"),
    /** PostgreSQL (pgjdbc): how several server processes share one state. */
    POSTGRESQL("jdbc:postgresql:");

    private final String prefix;

    Engine(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of this engine's JDBC URLs. */
    public String prefix() {
        return prefix;
    }

    /**
     * The engine of a JDBC URL, or why there is none. The message never repeats the URL, which may
     * hold a password.
     */
    public static Either<String, Engine> of(String url) {
        if (url == null || url.isBlank()) {
            return Either.left("the database URL is empty; give a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        for (var engine : values()) {
            if (url.startsWith(engine.prefix)) {
                return Either.right(engine);
            }
        }
        return Either.left("the database URL must start with jdbc:sqlite: or jdbc:postgresql:");
    }
}
