package dev.seatwarden.domain.token;

import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Text;
import io.vavr.control.Either;
import java.util.Objects;

/** R4: a token's name, trimmed, 1–100 code points, no control or format characters. */
public record TokenName(String value) {

    /** The most code points a name may have. */
    public static final int MAX_CODE_POINTS = 100;

    public TokenName {
        Objects.requireNonNull(value, "value");
        if (!Text.check("name", value, 1, MAX_CODE_POINTS).contains(value)) {
            throw new IllegalArgumentException("not a valid token name");
        }
    }

    /** Checks untrusted input, naming the field {@code name}. */
    public static Either<FieldError, TokenName> parse(String raw) {
        return Text.check("name", raw, 1, MAX_CODE_POINTS).map(TokenName::new);
    }
}
