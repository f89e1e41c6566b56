package dev.seatwarden.application.port.in;

import java.util.Objects;

/**
 * A new session: the account, the session id for the cookie and the CSRF token for the client's
 * state-changing requests. The only moment either value exists outside the client: the store
 * keeps hashes. {@link #toString()} hides both.
 */
public record SignedIn(AccountView account, String sessionId, String csrfToken) {
    public SignedIn {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    @Override
    public String toString() {
        return "SignedIn[account=" + account.id() + ", sessionId=hidden, csrfToken=hidden]";
    }
}
