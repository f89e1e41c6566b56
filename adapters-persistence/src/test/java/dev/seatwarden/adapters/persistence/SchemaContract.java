package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the migrated schema itself guarantees, whatever code writes to it: migrations apply once and
 * validate clean, and the constraints refuse rows that break the rules (one seat per token, unique
 * secret hashes and addresses, foreign keys, known enumeration values, consistent optional parts).
 */
abstract class SchemaContract {

    /** The number of migration scripts under db/migration. */
    private static final int MIGRATIONS = 2;

    private Database database;
    private Handle sql;

    /** A new, empty database of the engine under test, opened (and so migrated) once. */
    protected abstract Database openEmpty();

    /** The same database opened a second time. */
    protected abstract Database reopen();

    @BeforeEach
    void migrated() {
        database = openEmpty();
        sql = Jdbi.create(database.dataSource()).open();
        sql.execute("INSERT INTO accounts (id, email, email_canonical, plan, subscription, created_at, version)"
                + " VALUES ('acc_a', 'A@Example.Test', 'a@example.test', 'PRO', 'ACTIVE', 1, 1)");
        sql.execute(token("tok_a", "acc_a", "hash-a"));
    }

    /** Called after each test, once its database is closed. */
    protected void cleanUp() {}

    @AfterEach
    void close() {
        if (sql != null) {
            sql.close();
        }
        if (database != null) {
            database.close();
        }
        cleanUp();
    }

    @Test
    void an_empty_database_gets_every_migration_and_a_migrated_one_none_and_both_validate_clean() {
        // Then the first open applied every migration, and the schema validates
        assertThat(database.migrationsApplied()).isEqualTo(MIGRATIONS);
        assertThat(Migrations.flyway(database.dataSource(), database.engine())
                        .validateWithResult()
                        .validationSuccessful)
                .isTrue();
        for (var table : java.util.List.of(
                "accounts",
                "account_quota_uses",
                "tokens",
                "seats",
                "audit_events",
                "account_passwords",
                "sessions",
                "sign_in_failures")) {
            assertThat(sql.createQuery("SELECT COUNT(*) FROM " + table)
                            .mapTo(Long.class)
                            .one())
                    .as(table)
                    .isNotNegative();
        }

        // When it is opened again
        try (var again = reopen()) {
            // Then nothing is applied, the data is there, and it still validates
            assertThat(again.migrationsApplied()).isZero();
            assertThat(again.accounts().all()).hasSize(1);
            assertThat(Migrations.flyway(again.dataSource(), again.engine()).validateWithResult().validationSuccessful)
                    .isTrue();
        }
    }

    @Test
    void a_token_has_at_most_one_seat_row() {
        sql.execute(seat("tok_a", "'FREE'", "NULL", "NULL"));
        refused(seat("tok_a", "'FREE'", "NULL", "NULL"));
    }

    @Test
    void a_seat_belongs_to_its_tokens_account() {
        sql.execute("INSERT INTO accounts (id, email, email_canonical, plan, subscription, created_at, version)"
                + " VALUES ('acc_b', 'b@example.test', 'b@example.test', 'PRO', 'ACTIVE', 1, 1)");
        refused(seat("tok_a", "'FREE'", "NULL", "NULL").replace("'acc_a'", "'acc_b'"));
        sql.execute(seat("tok_a", "'FREE'", "NULL", "NULL"));
    }

    @Test
    void a_secret_hash_belongs_to_one_token_current_or_previous() {
        refused(token("tok_b", "acc_a", "hash-a"));
        sql.execute("UPDATE tokens SET previous_secret_hash = 'hash-p', previous_valid_until = 5 WHERE id = 'tok_a'");
        sql.execute(token("tok_c", "acc_a", "hash-c"));
        refused("UPDATE tokens SET previous_secret_hash = 'hash-p', previous_valid_until = 5 WHERE id = 'tok_c'");
    }

    @Test
    void an_address_is_unique_without_regard_to_case() {
        refused("INSERT INTO accounts (id, email, email_canonical, plan, subscription, created_at, version)"
                + " VALUES ('acc_b', 'a@EXAMPLE.test', 'a@example.test', 'PRO', 'ACTIVE', 1, 1)");
    }

    @Test
    void rows_must_point_at_rows_that_exist() {
        refused(token("tok_b", "acc_nobody", "hash-b"));
        refused(seat("tok_nobody", "'FREE'", "NULL", "NULL"));
        refused("INSERT INTO audit_events (account_id, type, at) VALUES ('acc_nobody', 'ACCOUNT_CHANGED', 1)");
        refused("INSERT INTO account_quota_uses (account_id, position, used_at) VALUES ('acc_nobody', 0, 1)");
    }

    @Test
    void enumerations_hold_only_the_domains_values() {
        refused("UPDATE accounts SET plan = 'GOLD' WHERE id = 'acc_a'");
        refused("UPDATE accounts SET subscription = 'PAUSED' WHERE id = 'acc_a'");
        refused("UPDATE tokens SET kind = 'ADMIN' WHERE id = 'tok_a'");
        refused("UPDATE tokens SET revoked_at = 1, revocation_reason = 'BORED' WHERE id = 'tok_a'");
        refused(seat("tok_a", "'LENT'", "NULL", "NULL"));
        refused("INSERT INTO audit_events (account_id, type, at) VALUES ('acc_a', 'TOKEN_STOLEN', 1)");
        sql.execute("INSERT INTO audit_events (account_id, type, at) VALUES ('acc_a', 'VERIFICATION_REFUSED', 1)");
    }

    @Test
    void optional_parts_come_whole_or_not_at_all() {
        refused("UPDATE tokens SET revoked_at = 1 WHERE id = 'tok_a'");
        refused("UPDATE tokens SET previous_secret_hash = 'hash-x' WHERE id = 'tok_a'");
        refused(seat("tok_a", "'ASSIGNED'", "NULL", "NULL"));
        refused(seat("tok_a", "'FREE'", "'machine-1'", "5"));
        sql.execute(seat("tok_a", "'ASSIGNED'", "'machine-1'", "5"));
    }

    @Test
    void text_longer_than_the_domain_allows_is_refused() {
        refused("UPDATE tokens SET name = '" + "n".repeat(101) + "' WHERE id = 'tok_a'");
        refused("UPDATE tokens SET name = '' WHERE id = 'tok_a'");
        refused(seat("tok_a", "'ASSIGNED'", "'" + "m".repeat(129) + "'", "5"));
    }

    @Test
    void passwords_and_sessions_belong_to_accounts_that_exist() {
        refused("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_nobody', 'h')");
        refused(session("s1", "acc_nobody"));
        sql.execute("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', 'h')");
        sql.execute(session("s1", "acc_a"));
    }

    @Test
    void an_account_has_at_most_one_password_and_a_session_id_hash_one_session() {
        sql.execute("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', 'h1')");
        refused("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', 'h2')");
        sql.execute(session("s1", "acc_a"));
        refused(session("s1", "acc_a"));
    }

    @Test
    void sign_in_values_are_present_and_of_bounded_length() {
        refused("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', '')");
        refused("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', NULL)");
        refused("INSERT INTO account_passwords (account_id, hash) VALUES ('acc_a', '" + "h".repeat(4097) + "')");
        refused(session("", "acc_a"));
        refused(session("s".repeat(513), "acc_a"));
        refused("INSERT INTO sessions (id_hash, account_id, csrf_hash, signed_in_at, last_seen_at)"
                + " VALUES ('s2', 'acc_a', NULL, 1, 1)");
        refused("INSERT INTO sign_in_failures (email_key, at) VALUES ('', 1)");
        refused("INSERT INTO sign_in_failures (email_key, at) VALUES ('k', NULL)");
    }

    @Test
    void failures_of_one_key_may_share_a_moment_and_get_their_own_ids() {
        sql.execute("INSERT INTO sign_in_failures (email_key, at) VALUES ('k', 1)");
        sql.execute("INSERT INTO sign_in_failures (email_key, at) VALUES ('k', 1)");
        assertThat(sql.createQuery("SELECT COUNT(DISTINCT id) FROM sign_in_failures WHERE email_key = 'k'")
                        .mapTo(Long.class)
                        .one())
                .isEqualTo(2L);
    }

    private void refused(String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOf(JdbiException.class);
    }

    private static String token(String id, String account, String hash) {
        return "INSERT INTO tokens (id, account_id, kind, name, secret_hash, hint, created_at, version) VALUES ('" + id
                + "', '" + account + "', 'API', 'a name', '" + hash + "', 'WXYZ', 1, 1)";
    }

    private static String session(String idHash, String account) {
        return "INSERT INTO sessions (id_hash, account_id, csrf_hash, signed_in_at, last_seen_at) VALUES ('" + idHash
                + "', '" + account + "', 'csrf', 1, 2)";
    }

    private static String seat(String token, String state, String machine, String at) {
        return "INSERT INTO seats (token_id, account_id, state, machine_id, assigned_at, last_activity_at, version)"
                + " VALUES ('" + token + "', 'acc_a', " + state + ", " + machine + ", " + at + ", " + at + ", 1)";
    }
}
