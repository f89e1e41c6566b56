package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.VerificationReads;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link VerificationReads} in one statement: the token of a secret's hash (current or previous,
 * as {@link JdbiTokens#findBySecretHash}), joined to its account, the account's quota uses (one
 * row each, in order) and its seat: two statements fewer in every seat claim, inside the writer's
 * lock (issue 7, session 8: 3 879 and 2 992 claims a second against 3 324 and 2 840, alternating).
 *
 * <p>{@link Database} uses it on SQLite only. On PostgreSQL, where units run at serializable
 * isolation, it was meant to save two round trips a claim, and did the opposite: claims fell from
 * 905–1 087 to 437–666 a second in alternating runs, while PostgreSQL logged three to four times as
 * many serialization failures (each a claim retried). The joined read's predicate locks probably
 * cover more than three lookups by key do; PostgreSQL reads through the three stores instead.
 */
final class JdbiVerificationReads implements VerificationReads {

    private static final String SELECT = "SELECT t.*,"
            + " a.id AS a_id, a.email AS a_email, a.plan AS a_plan, a.subscription AS a_subscription,"
            + " a.integration_limit_override AS a_integration_limit_override, a.created_at AS a_created_at,"
            + " a.version AS a_version, q.used_at AS a_used_at,"
            + " s.token_id AS s_token_id, s.account_id AS s_account_id, s.state AS s_state,"
            + " s.machine_id AS s_machine_id, s.assigned_at AS s_assigned_at,"
            + " s.last_activity_at AS s_last_activity_at, s.released_manually_from AS s_released_manually_from,"
            + " s.version AS s_version"
            + " FROM (SELECT " + JdbiTokens.COLUMNS + " FROM tokens WHERE secret_hash = :hash"
            + " UNION ALL SELECT " + JdbiTokens.COLUMNS + " FROM tokens WHERE previous_secret_hash = :hash) t"
            + " LEFT JOIN accounts a ON a.id = t.account_id"
            + " LEFT JOIN account_quota_uses q ON q.account_id = a.id"
            + " LEFT JOIN seats s ON s.token_id = t.id"
            + " ORDER BY q.position";

    private final Session session;

    JdbiVerificationReads(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Option<Found> findBySecretHash(SecretHash hash) {
        Objects.requireNonNull(hash, "hash");
        var read = session.read("the token and its account and seat", handle -> {
            // closed after the scan (a scanned query's statement would otherwise stay open until
            // the handle closes)
            try (var query = handle.createQuery(SELECT)) {
                return query.bind("hash", hash.value()).scanResultSet((supplier, context) -> {
                    try (ResultSet row = supplier.get()) {
                        return found(row);
                    }
                });
            }
        });
        // a verification may answer from this read at once: only from commits on disk
        session.awaitCommitsSeen();
        return read;
    }

    /** The token, its account with the quota use of every row, its seat. */
    private static Option<Found> found(ResultSet row) throws SQLException {
        if (!row.next()) {
            return Option.none();
        }
        Token token = JdbiTokens.token(row);
        row.getString("a_id");
        if (row.wasNull()) {
            return Option.some(new Found(token, Option.none(), seat(row)));
        }
        Account account = JdbiAccounts.account(row, "a_");
        Option<Seat> seat = seat(row);
        do { // one row per quota use; a hash belongs to one token (both hash columns are unique)
            long use = row.getLong("a_used_at");
            if (!row.wasNull()) {
                account = JdbiAccounts.withUse(account, Columns.toInstant(use));
            }
        } while (row.next());
        return Option.some(new Found(token, Option.some(account), seat));
    }

    private static Option<Seat> seat(ResultSet row) throws SQLException {
        row.getString("s_token_id");
        return row.wasNull() ? Option.none() : Option.some(JdbiSeats.seat(row, "s_"));
    }
}
