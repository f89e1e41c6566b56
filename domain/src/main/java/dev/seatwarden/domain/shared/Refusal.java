package dev.seatwarden.domain.shared;

import io.vavr.collection.List;
import java.time.Instant;
import java.util.Objects;

/**
 * Why the domain said no. One record per code of {@code domain-rules.md}; a refusal is a value,
 * never an exception.
 */
public sealed interface Refusal {

    /** The stable code of {@code domain-rules.md}, e.g. {@code SEAT_RELEASE_RATE_LIMITED}. */
    String code();

    /** R4 and input checks: one or more fields are invalid. */
    record ValidationFailed(List<FieldError> errors) implements Refusal {
        public ValidationFailed {
            Objects.requireNonNull(errors, "errors");
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a validation refusal names at least one field");
            }
        }

        public static ValidationFailed of(String field, String message) {
            return new ValidationFailed(List.of(new FieldError(field, message)));
        }

        @Override
        public String code() {
            return "VALIDATION_FAILED";
        }
    }

    /** R11: the machine id is missing or not 1–128 printable ASCII characters. */
    record MachineIdInvalid() implements Refusal {
        @Override
        public String code() {
            return "MACHINE_ID_INVALID";
        }
    }

    /** No secret was presented. */
    record TokenMissing() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_MISSING";
        }
    }

    /** R6: the presented secret fails the format or the checksum. */
    record TokenMalformed() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_MALFORMED";
        }
    }

    /** R3: the secret's kind is not the one this verification surface accepts. */
    record TokenKindMismatch() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_KIND_MISMATCH";
        }
    }

    /** R6: a well-formed secret that no token holds. */
    record TokenUnknown() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_UNKNOWN";
        }
    }

    /** R8: the token is revoked, for good. */
    record TokenRevoked() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_REVOKED";
        }
    }

    /** R20: the token's expiry time has passed. */
    record TokenExpired() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_EXPIRED";
        }
    }

    /** R1, R2: the account's plan is below PRO. */
    record PlanNotEligible() implements Refusal {
        @Override
        public String code() {
            return "PLAN_NOT_ELIGIBLE";
        }
    }

    /** R1, R2: the account's subscription has lapsed. */
    record SubscriptionInactive() implements Refusal {
        @Override
        public String code() {
            return "SUBSCRIPTION_INACTIVE";
        }
    }

    /** R9: no such token for the acting account, whether it never existed or belongs to another. */
    record TokenNotFound() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_NOT_FOUND";
        }
    }

    /**
     * R12: the seat is held by another, active machine. Never names that machine.
     *
     * @param autoReleaseAt when the seat frees itself if that machine stays inactive
     */
    record SeatAssignedToOtherMachine(Instant autoReleaseAt) implements Refusal {
        public SeatAssignedToOtherMachine {
            Objects.requireNonNull(autoReleaseAt, "autoReleaseAt");
        }

        @Override
        public String code() {
            return "SEAT_ASSIGNED_TO_OTHER_MACHINE";
        }
    }

    /** R7: the account holds as many integration tokens as its limit allows. */
    record IntegrationTokenLimitReached(int limit) implements Refusal {
        @Override
        public String code() {
            return "INTEGRATION_TOKEN_LIMIT_REACHED";
        }
    }

    /** R8: revoking a token that is already revoked. */
    record TokenAlreadyRevoked() implements Refusal {
        @Override
        public String code() {
            return "TOKEN_ALREADY_REVOKED";
        }
    }

    /** R14: releasing a seat that is free. */
    record SeatNotAssigned() implements Refusal {
        @Override
        public String code() {
            return "SEAT_NOT_ASSIGNED";
        }
    }

    /**
     * R14: the account used its manual releases for the rolling window.
     *
     * @param retryAt the earliest moment a release is allowed again
     */
    record SeatReleaseRateLimited(Instant retryAt) implements Refusal {
        public SeatReleaseRateLimited {
            Objects.requireNonNull(retryAt, "retryAt");
        }

        @Override
        public String code() {
            return "SEAT_RELEASE_RATE_LIMITED";
        }
    }
}
