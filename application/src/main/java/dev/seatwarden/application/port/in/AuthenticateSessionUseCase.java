package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Finds the account behind a request's session: {@code AUTHENTICATION_REQUIRED} for no session,
 * an unknown one, or one idle or old past its limits; then, for a state-changing request,
 * {@code CSRF_TOKEN_INVALID} unless it carries the session's CSRF token. Records the request as the
 * session's last activity.
 */
public interface AuthenticateSessionUseCase {

    Either<AccessRefusal, AccountId> authenticate(Query query);

    /**
     * The CSRF token of the session {@code sessionId}, as signing in gave it: for a page reloaded
     * while its session lives. To be shown only in an answer to that session (after
     * {@link #authenticate}).
     */
    String csrfTokenOf(String sessionId);

    /**
     * @param sessionId the cookie's value, none if there was none
     * @param changesState whether the request changes state (POST, DELETE), so needs the CSRF token
     * @param csrfToken the request's CSRF token, none if it sent none
     */
    record Query(Option<String> sessionId, boolean changesState, Option<String> csrfToken) {
        public Query {
            // An adapter that passes null for an optional value means "none".
            sessionId = sessionId == null ? Option.none() : sessionId;
            csrfToken = csrfToken == null ? Option.none() : csrfToken;
        }

        @Override
        public String toString() {
            return "Query[sessionId=hidden, changesState=" + changesState + ", csrfToken=hidden]";
        }
    }
}
