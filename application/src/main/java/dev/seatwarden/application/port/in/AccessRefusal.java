package dev.seatwarden.application.port.in;

import java.time.Instant;
import java.util.Objects;

/** Why signing in, or a request of a session, was refused. A value, never an exception. */
public sealed interface AccessRefusal {

    /** The stable code of {@code rest-api.md}, e.g. {@code INVALID_CREDENTIALS}. */
    String code();

    /** Unknown e-mail or wrong password: the same answer for both. */
    record InvalidCredentials() implements AccessRefusal {
        @Override
        public String code() {
            return "INVALID_CREDENTIALS";
        }
    }

    /** Too many failed sign-ins for this e-mail lately; the next attempt is checked from {@code retryAt}. */
    record TooManyAttempts(Instant retryAt) implements AccessRefusal {
        public TooManyAttempts {
            Objects.requireNonNull(retryAt, "retryAt");
        }

        @Override
        public String code() {
            return "TOO_MANY_ATTEMPTS";
        }
    }

    /** No session, an unknown one, or one that has ended. */
    record AuthenticationRequired() implements AccessRefusal {
        @Override
        public String code() {
            return "AUTHENTICATION_REQUIRED";
        }
    }

    /** A state-changing request without the session's CSRF token. */
    record CsrfTokenInvalid() implements AccessRefusal {
        @Override
        public String code() {
            return "CSRF_TOKEN_INVALID";
        }
    }
}
