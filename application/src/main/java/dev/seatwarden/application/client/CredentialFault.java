package dev.seatwarden.application.client;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One fault of a credential: where it is ({@code /home/ana/rpd_account.json}, or
 * {@code standard input}), the line and column if known, and what is wrong, in words that never
 * repeat the token.
 */
public record CredentialFault(String source, Option<Position> at, String problem) {

    public CredentialFault {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(problem, "problem");
    }

    public static CredentialFault of(String source, String problem) {
        return new CredentialFault(source, Option.none(), problem);
    }

    /** As compilers write it: {@code source:line:column: problem}. */
    public String describe() {
        return source
                + at.map(position -> ":" + position.line() + ":" + position.column())
                        .getOrElse("") + ": " + problem;
    }

    /** A place in a text file, both counted from 1. */
    public record Position(int line, int column) {}
}
