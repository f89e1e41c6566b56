package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** {@link Accounts} in the {@code accounts} table, quota uses in {@code account_quota_uses}. */
final class JdbiAccounts implements Accounts {

    private static final String SELECT = """
            SELECT a.id, a.email, a.plan, a.subscription, a.integration_limit_override, a.created_at, a.version,
                   q.used_at
              FROM accounts a
              LEFT JOIN account_quota_uses q ON q.account_id = a.id
            """;

    private final Session session;

    JdbiAccounts(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Option<Account> findById(AccountId id) {
        Objects.requireNonNull(id, "id");
        return session.read(
                "the account",
                handle -> query(handle, SELECT + " WHERE a.id = :id ORDER BY q.position", "id", id.value())
                        .headOption());
    }

    @Override
    public Option<Account> findByEmail(Email email) {
        Objects.requireNonNull(email, "email");
        return session.read(
                "the account",
                handle -> query(
                                handle,
                                SELECT + " WHERE a.email_canonical = :email ORDER BY q.position",
                                "email",
                                email.canonical())
                        .headOption());
    }

    @Override
    public Seq<Account> all() {
        return session.read(
                "the accounts",
                handle -> query(handle, SELECT + " ORDER BY a.created_at, a.id, q.position", null, null));
    }

    @Override
    public void save(Account account) {
        Objects.requireNonNull(account, "account");
        session.write("the account " + account.id().value(), handle -> {
            int rows = account.version() == 0 ? insert(handle, account) : update(handle, account);
            if (rows != 1) {
                throw new ConcurrentUpdateException(
                        "the account " + account.id().value());
            }
            if (account.version() != 0) {
                handle.createUpdate("DELETE FROM account_quota_uses WHERE account_id = :id")
                        .bind("id", account.id().value())
                        .execute();
            }
            if (!account.quotaUses().isEmpty()) {
                var batch = handle.prepareBatch(
                        "INSERT INTO account_quota_uses (account_id, position, used_at) VALUES (:id, :position, :at)");
                int position = 0;
                for (Instant use : account.quotaUses()) {
                    batch.bind("id", account.id().value())
                            .bind("position", position++)
                            .bind("at", Columns.micros(use))
                            .add();
                }
                batch.execute();
            }
            return null;
        });
    }

    private static int insert(Handle handle, Account account) {
        return bind(handle.createUpdate("""
                        INSERT INTO accounts (id, email, email_canonical, plan, subscription,
                                              integration_limit_override, created_at, version)
                        VALUES (:id, :email, :canonical, :plan, :subscription, :limit, :createdAt, 1)
                        ON CONFLICT DO NOTHING
                        """), account).execute();
    }

    private static int update(Handle handle, Account account) {
        return bind(handle.createUpdate("""
                        UPDATE accounts
                           SET email = :email, email_canonical = :canonical, plan = :plan,
                               subscription = :subscription, integration_limit_override = :limit,
                               created_at = :createdAt, version = version + 1
                         WHERE id = :id AND version = :version
                        """), account)
                .bind("version", account.version())
                .execute();
    }

    private static Update bind(Update update, Account account) {
        return update.bind("id", account.id().value())
                .bind("email", account.email().value())
                .bind("canonical", account.email().canonical())
                .bind("plan", account.plan().name())
                .bind("subscription", account.subscription().name())
                .bind("limit", account.integrationLimitOverride().getOrNull())
                .bind("createdAt", Columns.micros(account.createdAt()));
    }

    /** The accounts the rows describe, in the rows' order; one row per quota use (or one without). */
    private static List<Account> query(Handle handle, String sql, String name, String value) {
        // closed after the scan (a scanned query's statement would otherwise stay open until the
        // handle closes)
        try (var query = handle.createQuery(sql)) {
            if (name != null) {
                query.bind(name, value);
            }
            return query.scanResultSet((supplier, context) -> {
                var accounts = new ArrayList<Account>();
                try (ResultSet row = supplier.get()) {
                    Account current = null;
                    while (row.next()) {
                        var id = row.getString("id");
                        if (current == null || !current.id().value().equals(id)) {
                            if (current != null) {
                                accounts.add(current);
                            }
                            current = account(row);
                        }
                        long use = row.getLong("used_at");
                        if (!row.wasNull()) {
                            current = withUse(current, Columns.toInstant(use));
                        }
                    }
                    if (current != null) {
                        accounts.add(current);
                    }
                }
                return List.ofAll(accounts);
            });
        }
    }

    private static Account account(ResultSet row) throws SQLException {
        return account(row, "");
    }

    /**
     * The account of this row, without its quota uses, from the columns of {@link #SELECT}, each
     * label preceded by {@code prefix} (a joined read's, {@link JdbiVerificationReads}).
     */
    static Account account(ResultSet row, String prefix) throws SQLException {
        int limit = row.getInt(prefix + "integration_limit_override");
        var override = row.wasNull() ? Option.<Integer>none() : Option.some(limit);
        return new Account(
                new AccountId(row.getString(prefix + "id")),
                new Email(row.getString(prefix + "email")),
                Plan.valueOf(row.getString(prefix + "plan")),
                Subscription.valueOf(row.getString(prefix + "subscription")),
                override,
                List.empty(),
                Columns.instant(row, prefix + "created_at"),
                row.getLong(prefix + "version"));
    }

    static Account withUse(Account account, Instant use) {
        return new Account(
                account.id(),
                account.email(),
                account.plan(),
                account.subscription(),
                account.integrationLimitOverride(),
                account.quotaUses().append(use),
                account.createdAt(),
                account.version());
    }
}
