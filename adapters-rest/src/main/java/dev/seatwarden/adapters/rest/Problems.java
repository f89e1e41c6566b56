package dev.seatwarden.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * RFC 9457 problem answers. Title and detail depend on the code alone, never on the request, so
 * that two refusals with one code differ only in {@code instance} (R9).
 */
final class Problems {

    /** Where a domain refusal happened: {@code TOKEN_REVOKED} is 401 when verifying, 409 when managing. */
    enum Surface {
        MANAGEMENT,
        VERIFICATION
    }

    private record Kind(int status, String title, String detail) {}

    private static final Map<String, Kind> KINDS = HashMap.ofEntries(
            entry("NOT_FOUND", 404, "Not found", "Nothing is served at this path."),
            entry("METHOD_NOT_ALLOWED", 405, "Method not allowed", "This path does not take this method; see Allow."),
            entry("UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported media type", "A body must be application/json in UTF-8."),
            entry("PAYLOAD_TOO_LARGE", 413, "Payload too large", "A body may have at most 16384 bytes."),
            entry("MALFORMED_JSON", 400, "Malformed JSON", "The body is not a well-formed JSON object."),
            entry("MALFORMED_REQUEST", 400, "Malformed request", "The request is not well-formed HTTP."),
            entry("VALIDATION_FAILED", 400, "Validation failed", "One or more fields are invalid; see errors."),
            entry(
                    "MACHINE_ID_INVALID",
                    400,
                    "Machine id invalid",
                    "X-Machine-Id must be 1 to 128 printable ASCII characters without spaces."),
            entry(
                    "AUTHENTICATION_REQUIRED",
                    401,
                    "Authentication required",
                    "Sign in first: this path needs a valid session."),
            entry("INVALID_CREDENTIALS", 401, "Invalid credentials", "The e-mail address or the password is wrong."),
            entry("TOKEN_MISSING", 401, "Token missing", "Send the token as Authorization: Bearer <secret>."),
            entry("TOKEN_MALFORMED", 401, "Token malformed", "The token is not a well-formed secret."),
            entry("TOKEN_UNKNOWN", 401, "Token unknown", "No token has this secret."),
            entry("TOKEN_REVOKED", 409, "Token revoked", "The token is revoked."),
            entry("TOKEN_EXPIRED", 401, "Token expired", "The token has expired."),
            entry("CSRF_TOKEN_INVALID", 403, "CSRF token invalid", "Send the session's CSRF token in X-CSRF-Token."),
            entry("TOKEN_KIND_MISMATCH", 403, "Token kind mismatch", "This path takes the other kind of token."),
            entry("PLAN_NOT_ELIGIBLE", 403, "Plan not eligible", "The account's plan does not include tokens."),
            entry("SUBSCRIPTION_INACTIVE", 403, "Subscription inactive", "The account's subscription is not active."),
            entry("TOKEN_NOT_FOUND", 404, "Token not found", "The account has no token with this id."),
            entry("TOKEN_ALREADY_REVOKED", 409, "Token already revoked", "The token was revoked before."),
            entry("SEAT_NOT_ASSIGNED", 409, "Seat not assigned", "The token's seat is free."),
            entry(
                    "SEAT_ASSIGNED_TO_OTHER_MACHINE",
                    409,
                    "Seat assigned to another machine",
                    "The token's seat is held by another machine; see autoReleaseAt."),
            entry(
                    "INTEGRATION_TOKEN_LIMIT_REACHED",
                    409,
                    "Integration token limit reached",
                    "The account holds as many integration tokens as its limit allows."),
            entry(
                    "TOO_MANY_ATTEMPTS",
                    429,
                    "Too many attempts",
                    "Too many attempts lately; retry after the time in Retry-After."),
            entry(
                    "SEAT_RELEASE_RATE_LIMITED",
                    429,
                    "Seat release rate limit reached",
                    "The account used its manual releases for now; see retryAt."),
            entry(
                    "INTERNAL_ERROR",
                    500,
                    "Internal error",
                    "The server failed to answer; the request id helps the operator find out why."),
            entry(
                    "SERVICE_BUSY",
                    503,
                    "Service busy",
                    "Too many concurrent changes; retry after the time in Retry-After."));

    private Problems() {}

    private static io.vavr.Tuple2<String, Kind> entry(String code, int status, String title, String detail) {
        return new io.vavr.Tuple2<>(code, new Kind(status, title, detail));
    }

    static int statusOf(String code) {
        return KINDS.get(code).map(Kind::status).getOrElse(400);
    }

    /** A problem with the code's usual status. */
    static Answer of(String code, String instance) {
        return of(code, statusOf(code), instance, body -> {});
    }

    static Answer of(String code, int status, String instance, Consumer<ObjectNode> extras) {
        var kind = KINDS.get(code).getOrElse(new Kind(status, "Error", "The request failed."));
        var body = JsonBodies.MAPPER.createObjectNode();
        body.put(
                "type",
                "https://seatwarden.dev/problems/"
                        + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", kind.title());
        body.put("status", status);
        body.put("code", code);
        body.put("detail", kind.detail());
        if (instance == null) {
            body.putNull("instance");
        } else {
            body.put("instance", instance);
        }
        extras.accept(body);
        return new Answer(status, Answer.PROBLEM_JSON, List.empty(), JsonBodies.write(body));
    }

    static Answer validation(String instance, List<FieldError> errors) {
        return of("VALIDATION_FAILED", 400, instance, body -> {
            var array = body.putArray("errors");
            errors.forEach(
                    error -> array.addObject().put("field", error.field()).put("message", error.message()));
        });
    }

    static Answer methodNotAllowed(String instance, List<String> allowed) {
        return of("METHOD_NOT_ALLOWED", instance).withHeader("Allow", allowed.mkString(", "));
    }

    static Answer tooManyAttempts(String instance, Instant retryAt, Clock clock) {
        return of("TOO_MANY_ATTEMPTS", 429, instance, body -> body.put("retryAt", retryAt.toString()))
                .withHeader("Retry-After", retryAfter(retryAt, clock));
    }

    static Answer internalError(String instance) {
        return of("INTERNAL_ERROR", instance);
    }

    static Answer serviceBusy(String instance) {
        return of("SERVICE_BUSY", instance).withHeader("Retry-After", "1");
    }

    static Answer access(AccessRefusal refusal, String instance, Clock clock) {
        if (refusal instanceof AccessRefusal.TooManyAttempts tooMany) {
            return tooManyAttempts(instance, tooMany.retryAt(), clock);
        }
        return of(refusal.code(), instance);
    }

    static Answer refusal(Refusal refusal, Surface surface, String instance, Clock clock) {
        var code = refusal.code();
        if (refusal instanceof Refusal.ValidationFailed failed) {
            return validation(instance, failed.errors());
        }
        if (refusal instanceof Refusal.SeatReleaseRateLimited limited) {
            return of(
                            code,
                            429,
                            instance,
                            body -> body.put("retryAt", limited.retryAt().toString()))
                    .withHeader("Retry-After", retryAfter(limited.retryAt(), clock));
        }
        if (refusal instanceof Refusal.SeatAssignedToOtherMachine held) {
            return of(
                    code,
                    409,
                    instance,
                    body -> body.put("autoReleaseAt", held.autoReleaseAt().toString()));
        }
        int status = statusOf(code);
        if (surface == Surface.VERIFICATION && code.equals("TOKEN_REVOKED")) {
            status = 401;
        }
        var answer = of(code, status, instance, body -> {});
        return status == 401 && surface == Surface.VERIFICATION
                ? answer.withHeader("WWW-Authenticate", "Bearer")
                : answer;
    }

    /** Whole seconds until {@code retryAt}, rounded up, at least 1. */
    static String retryAfter(Instant retryAt, Clock clock) {
        return Long.toString(seconds(Duration.between(clock.instant(), retryAt)));
    }

    static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
