package dev.seatwarden.domain.licensing;

import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.Assignee;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;

/**
 * What an owner asks for when creating a token, checked: R4 (name, assignee), R3 (a kind), R20 (an
 * expiry in the future, or none).
 */
public record TokenDraft(TokenName name, TokenKind kind, Option<Assignee> assignee, Option<Instant> expiresAt) {

    /** The latest expiry a token may have: the end of the year 9999, the last an ISO 8601 date says plainly. */
    public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Checks untrusted input and reports every fault at once as {@code VALIDATION_FAILED}.
     *
     * @param kind {@code null} when the caller gave none
     * @param expiresAt must lie after {@code now}, and not after {@link #LATEST_EXPIRY}, when present
     */
    public static Either<Refusal, TokenDraft> validate(
            String name, TokenKind kind, String assignee, Option<Instant> expiresAt, Instant now) {
        Validation<FieldError, TokenName> checkedName = Validation.fromEither(TokenName.parse(name));
        Validation<FieldError, TokenKind> checkedKind = kind == null
                ? Validation.invalid(new FieldError("kind", "is required: API or INTEGRATION"))
                : Validation.valid(kind);
        Validation<FieldError, Option<Assignee>> checkedAssignee = Validation.fromEither(Assignee.parse(assignee));
        Validation<FieldError, Option<Instant>> checkedExpiry = expiresAt.exists(at -> !at.isAfter(now))
                ? Validation.invalid(new FieldError("expiresAt", "must be in the future"))
                : expiresAt.exists(at -> at.isAfter(LATEST_EXPIRY))
                        ? Validation.invalid(new FieldError("expiresAt", "must be before the year 10000"))
                        : Validation.valid(expiresAt);
        return Validation.combine(checkedName, checkedKind, checkedAssignee, checkedExpiry)
                .ap(TokenDraft::new)
                .toEither()
                .mapLeft(errors -> new Refusal.ValidationFailed(List.ofAll(errors)));
    }
}
