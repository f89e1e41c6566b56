package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Assignee;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.PreviousSecret;
import dev.seatwarden.domain.token.Revocation;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link Tokens} in the {@code tokens} table. A secret hash, current or previous, belongs to one
 * token: each column is unique, and a save checks the other column inside its transaction.
 */
final class JdbiTokens implements Tokens {

    static final String COLUMNS = """
            id, account_id, kind, name, assignee, secret_hash, hint, previous_secret_hash,
            previous_valid_until, created_at, expires_at, revoked_at, revocation_reason, last_used_at,
            last_use_machine, last_use_address, last_use_agent, version
            """;

    private final Session session;

    JdbiTokens(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Option<Token> findById(TokenId id) {
        Objects.requireNonNull(id, "id");
        return session.read(
                "the token",
                handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tokens WHERE id = :id")
                        .bind("id", id.value())
                        .map((row, context) -> token(row))
                        .findOne()
                        .map(Option::some)
                        .orElse(Option.none()));
    }

    @Override
    public Option<Token> findBySecretHash(SecretHash hash) {
        Objects.requireNonNull(hash, "hash");
        return session.read(
                "the token",
                handle -> List.ofAll(handle.createQuery("SELECT " + COLUMNS + " FROM tokens WHERE secret_hash = :hash"
                                        + " UNION ALL SELECT " + COLUMNS
                                        + " FROM tokens WHERE previous_secret_hash = :hash")
                                .bind("hash", hash.value())
                                .map((row, context) -> token(row))
                                .list())
                        .headOption());
    }

    @Override
    public Seq<Token> ofAccount(AccountId account) {
        Objects.requireNonNull(account, "account");
        return session.read(
                "the tokens",
                handle -> List.ofAll(handle.createQuery("SELECT " + COLUMNS + " FROM tokens WHERE account_id = :account"
                                + " ORDER BY created_at DESC, id DESC")
                        .bind("account", account.value())
                        .map((row, context) -> token(row))
                        .list()));
    }

    /**
     * The save of a token whose secrets, account, kind and creation time are as stored: a use, a
     * revocation, a rename. It names only the columns such a change may touch, so that the engine
     * leaves the indexes on the others alone (SQLite rewrites the entries of every index on a
     * column an update names, changed or not: five pages written instead of one). When it matches
     * no row, {@link #save} tells a conflict from a change of those columns with the full update.
     */
    private static final String UPDATE_KEEPING_SECRETS = """
            UPDATE tokens SET name = :name, assignee = :assignee, expires_at = :expiresAt,
                              revoked_at = :revokedAt, revocation_reason = :reason, last_used_at = :lastUsedAt,
                              last_use_machine = :machine, last_use_address = :address, last_use_agent = :agent,
                              version = version + 1
             WHERE id = :id AND version = :version
               AND account_id = :account AND kind = :kind AND created_at = :createdAt
               AND secret_hash = :hash AND hint = :hint
               AND previous_secret_hash IS NOT DISTINCT FROM :previousHash
               AND previous_valid_until IS NOT DISTINCT FROM :previousUntil
            """;

    private static final String UPDATE_ALL = """
            UPDATE tokens SET account_id = :account, kind = :kind, name = :name, assignee = :assignee,
                              secret_hash = :hash, hint = :hint, previous_secret_hash = :previousHash,
                              previous_valid_until = :previousUntil, created_at = :createdAt,
                              expires_at = :expiresAt, revoked_at = :revokedAt, revocation_reason = :reason,
                              last_used_at = :lastUsedAt, last_use_machine = :machine,
                              last_use_address = :address, last_use_agent = :agent, version = version + 1
             WHERE id = :id AND version = :version
            """;

    @Override
    public void save(Token token) {
        Objects.requireNonNull(token, "token");
        var what = "the token " + token.id().value();
        session.write(what, handle -> {
            if (token.version() != 0
                    && bind(handle.createUpdate(UPDATE_KEEPING_SECRETS), token)
                                    .bind("version", token.version())
                                    .execute()
                            == 1) {
                return null;
            }
            if (hashTakenByAnother(handle, token)) {
                throw new ConcurrentUpdateException(what + "'s secret hash");
            }
            var update = token.version() == 0
                    ? handle.createUpdate("INSERT INTO tokens (" + COLUMNS + ") VALUES (:id, :account, :kind, :name,"
                            + " :assignee, :hash, :hint, :previousHash, :previousUntil, :createdAt, :expiresAt,"
                            + " :revokedAt, :reason, :lastUsedAt, :machine, :address, :agent, 1)"
                            + " ON CONFLICT DO NOTHING")
                    : handle.createUpdate(UPDATE_ALL).bind("version", token.version());
            if (bind(update, token).execute() != 1) {
                throw new ConcurrentUpdateException(what);
            }
            return null;
        });
    }

    /** Whether another token holds one of this token's hashes, in the column unique keys do not guard. */
    private static boolean hashTakenByAnother(Handle handle, Token token) {
        var previous = token.previousSecret().map(p -> p.hash().value()).getOrNull();
        return handle.createQuery("SELECT COUNT(*) FROM tokens WHERE id <> :id AND (previous_secret_hash = :hash"
                                + (previous == null ? ")" : " OR secret_hash = :previous)"))
                        .bind("id", token.id().value())
                        .bind("hash", token.secretHash().value())
                        .bind("previous", previous)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    private static Update bind(Update update, Token token) {
        var previous = token.previousSecret();
        var revocation = token.revocation();
        var lastUse = token.lastUse();
        return update.bind("id", token.id().value())
                .bind("account", token.account().value())
                .bind("kind", token.kind().name())
                .bind("name", token.name().value())
                .bind("assignee", token.assignee().map(Assignee::value).getOrNull())
                .bind("hash", token.secretHash().value())
                .bind("hint", token.hint())
                .bind("previousHash", previous.map(p -> p.hash().value()).getOrNull())
                .bind("previousUntil", Columns.optionalMicros(previous.map(PreviousSecret::validUntil)))
                .bind("createdAt", Columns.micros(token.createdAt()))
                .bind("expiresAt", Columns.optionalMicros(token.expiresAt()))
                .bind("revokedAt", Columns.optionalMicros(revocation.map(Revocation::at)))
                .bind("reason", revocation.map(r -> r.reason().name()).getOrNull())
                .bind("lastUsedAt", Columns.optionalMicros(token.lastUsedAt()))
                .bind("machine", lastUse.map(use -> use.machine().value()).getOrNull())
                .bind("address", lastUse.flatMap(LastUse::remoteAddress).getOrNull())
                .bind("agent", lastUse.flatMap(LastUse::userAgent).getOrNull());
    }

    /** The token of this row, from the columns {@link #COLUMNS} under their own names. */
    static Token token(ResultSet row) throws SQLException {
        var previousHash = Columns.optionalText(row, "previous_secret_hash");
        var previousUntil = Columns.optionalInstant(row, "previous_valid_until");
        var revokedAt = Columns.optionalInstant(row, "revoked_at");
        var reason = Columns.optionalText(row, "revocation_reason");
        var machine = Columns.optionalText(row, "last_use_machine");
        var address = Columns.optionalText(row, "last_use_address");
        var agent = Columns.optionalText(row, "last_use_agent");
        return new Token(
                new TokenId(row.getString("id")),
                new AccountId(row.getString("account_id")),
                TokenKind.valueOf(row.getString("kind")),
                new TokenName(row.getString("name")),
                Columns.optionalText(row, "assignee").map(Assignee::new),
                new SecretHash(row.getString("secret_hash")),
                row.getString("hint"),
                previousHash.map(hash -> new PreviousSecret(new SecretHash(hash), previousUntil.get())),
                Columns.instant(row, "created_at"),
                Columns.optionalInstant(row, "expires_at"),
                revokedAt.map(at -> new Revocation(at, RevocationReason.valueOf(reason.get()))),
                Columns.optionalInstant(row, "last_used_at"),
                machine.map(id -> new LastUse(new MachineId(id), address, agent)),
                row.getLong("version"));
    }
}
