package dev.seatwarden.domain.token;

import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Text;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * R4: who a token is shared with (a team, a department, a person): at most 100 code points, same
 * rules as a name. Blank means none.
 */
public record Assignee(String value) {

    /** The most code points an assignee may have. */
    public static final int MAX_CODE_POINTS = 100;

    public Assignee {
        Objects.requireNonNull(value, "value");
        if (!Text.check("assignee", value, 1, MAX_CODE_POINTS).contains(value)) {
            throw new IllegalArgumentException("not a valid assignee");
        }
    }

    /** Checks untrusted input, naming the field {@code assignee}; {@code null} or blank is none. */
    public static Either<FieldError, Option<Assignee>> parse(String raw) {
        return Text.check("assignee", raw, 0, MAX_CODE_POINTS)
                .map(s -> s.isEmpty() ? Option.<Assignee>none() : Option.some(new Assignee(s)));
    }
}
