package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session as stored: only hashes of its id and of its CSRF token, so that a copy of
 * the database opens no session.
 *
 * @param idHash SHA-256 (hex) of the session id the cookie carries
 * @param account the account signed in
 * @param csrfHash SHA-256 (hex) of the session's CSRF token
 * @param signedInAt when the session began
 * @param lastSeenAt its last recorded request (recorded with a granularity, see AccessSettings)
 */
public record StoredSession(String idHash, AccountId account, String csrfHash, Instant signedInAt, Instant lastSeenAt) {
    public StoredSession {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(csrfHash, "csrfHash");
        Objects.requireNonNull(signedInAt, "signedInAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    @Override
    public String toString() {
        return "StoredSession[account=" + account + ", signedInAt=" + signedInAt + ", lastSeenAt=" + lastSeenAt + "]";
    }
}
