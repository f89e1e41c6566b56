package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.StoredSession;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/** {@link Sessions} in the {@code sessions} table, keyed by the hash of the session id. */
final class JdbiSessions implements Sessions {

    private static final String WHAT = "the session";

    private final Session session;

    JdbiSessions(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public void save(StoredSession stored) {
        Objects.requireNonNull(stored, "session");
        session.write(WHAT, handle -> {
            handle.createUpdate("""
                            INSERT INTO sessions (id_hash, account_id, csrf_hash, signed_in_at, last_seen_at)
                            VALUES (:id, :account, :csrf, :signedInAt, :lastSeenAt)
                            """)
                    .bind("id", stored.idHash())
                    .bind("account", stored.account().value())
                    .bind("csrf", stored.csrfHash())
                    .bind("signedInAt", Columns.micros(stored.signedInAt()))
                    .bind("lastSeenAt", Columns.micros(stored.lastSeenAt()))
                    .execute();
            return null;
        });
    }

    @Override
    public Option<StoredSession> find(String idHash) {
        Objects.requireNonNull(idHash, "idHash");
        return session.read(
                WHAT,
                handle -> Option.ofOptional(handle.createQuery("""
                                SELECT id_hash, account_id, csrf_hash, signed_in_at, last_seen_at
                                  FROM sessions WHERE id_hash = :id
                                """)
                        .bind("id", idHash)
                        .map((row, context) -> new StoredSession(
                                row.getString("id_hash"),
                                new AccountId(row.getString("account_id")),
                                row.getString("csrf_hash"),
                                Columns.instant(row, "signed_in_at"),
                                Columns.instant(row, "last_seen_at")))
                        .findOne()));
    }

    @Override
    public void touch(String idHash, Instant at) {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(at, "at");
        session.write(WHAT, handle -> {
            handle.createUpdate("UPDATE sessions SET last_seen_at = :at WHERE id_hash = :id")
                    .bind("at", Columns.micros(at))
                    .bind("id", idHash)
                    .execute();
            return null;
        });
    }

    @Override
    public void delete(String idHash) {
        Objects.requireNonNull(idHash, "idHash");
        session.write(WHAT, handle -> {
            handle.createUpdate("DELETE FROM sessions WHERE id_hash = :id")
                    .bind("id", idHash)
                    .execute();
            return null;
        });
    }

    @Override
    public int deleteEnded(Instant lastSeenBefore, Instant signedInBefore) {
        Objects.requireNonNull(lastSeenBefore, "lastSeenBefore");
        Objects.requireNonNull(signedInBefore, "signedInBefore");
        var deleted = new int[1];
        session.write("the ended sessions", handle -> {
            deleted[0] = handle.createUpdate(
                            "DELETE FROM sessions WHERE last_seen_at < :lastSeen OR signed_in_at < :signedIn")
                    .bind("lastSeen", Columns.microsCeiling(lastSeenBefore))
                    .bind("signedIn", Columns.microsCeiling(signedInBefore))
                    .execute();
            return null;
        });
        return deleted[0];
    }
}
