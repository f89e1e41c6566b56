package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.SignInFailures;
import io.vavr.collection.List;
import java.time.Instant;
import java.util.Objects;

/** {@link SignInFailures} in the {@code sign_in_failures} table: one row per failure. */
final class JdbiSignInFailures implements SignInFailures {

    private static final String WHAT = "the sign-in failures";

    private final Session session;

    JdbiSignInFailures(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public void record(String emailKey, Instant at) {
        Objects.requireNonNull(emailKey, "emailKey");
        Objects.requireNonNull(at, "at");
        session.write(WHAT, handle -> {
            handle.createUpdate("INSERT INTO sign_in_failures (email_key, at) VALUES (:key, :at)")
                    .bind("key", emailKey)
                    .bind("at", Columns.micros(at))
                    .execute();
            return null;
        });
    }

    @Override
    public List<Instant> since(String emailKey, Instant from) {
        Objects.requireNonNull(emailKey, "emailKey");
        Objects.requireNonNull(from, "from");
        return session.read(
                WHAT,
                handle -> List.ofAll(handle.createQuery(
                                        "SELECT at FROM sign_in_failures WHERE email_key = :key AND at >= :from"
                                                + " ORDER BY at, id")
                                .bind("key", emailKey)
                                .bind("from", Columns.microsCeiling(from))
                                .mapTo(Long.class)
                                .list())
                        .map(Columns::toInstant));
    }

    @Override
    public void clear(String emailKey) {
        Objects.requireNonNull(emailKey, "emailKey");
        session.write(WHAT, handle -> {
            handle.createUpdate("DELETE FROM sign_in_failures WHERE email_key = :key")
                    .bind("key", emailKey)
                    .execute();
            return null;
        });
    }

    @Override
    public int deleteBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        var deleted = new int[1];
        session.write(WHAT, handle -> {
            deleted[0] = handle.createUpdate("DELETE FROM sign_in_failures WHERE at < :before")
                    .bind("before", Columns.microsCeiling(before))
                    .execute();
            return null;
        });
        return deleted[0];
    }
}
