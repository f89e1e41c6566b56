package dev.seatwarden.domain.token;

import io.vavr.control.Option;

/** R3: the two kinds of token, not interchangeable, each visible in its secret's prefix. */
public enum TokenKind {
    /** For the API and the CLI. */
    API("swa_"),
    /** For the integration plugins. */
    INTEGRATION("swi_");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix every secret of this kind starts with. */
    public String prefix() {
        return prefix;
    }

    /** The kind whose prefix {@code secret} starts with, if any. */
    public static Option<TokenKind> ofPrefix(String secret) {
        for (var kind : values()) {
            if (secret.startsWith(kind.prefix)) {
                return Option.some(kind);
            }
        }
        return Option.none();
    }
}
