package dev.seatwarden.adapters.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

/**
 * Databases for tests: a SQLite file in a temporary folder, or a fresh PostgreSQL schema on the
 * server {@value #PG_URL_VARIABLE} names, dropped again when the test is done.
 */
public final class TestDatabases {

    /** The environment variable (or system property) with the test server's JDBC URL. */
    public static final String PG_URL_VARIABLE = "SEATWARDEN_TEST_PG_URL";

    /** Set to {@code true} (as .ci/run does) to fail, not skip, when the URL is missing. */
    public static final String REQUIRE_PG_VARIABLE = "SEATWARDEN_REQUIRE_PG";

    private static final String SKIPPED = PG_URL_VARIABLE + " is not set, so the PostgreSQL tests are skipped;"
            + " set it (for example to jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them";

    private TestDatabases() {}

    /** A new SQLite database file in {@code folder}, migrated. */
    public static Database sqlite(Path folder) {
        return Database.open(sqliteSettings(folder.resolve("seatwarden-test.db")));
    }

    public static DatabaseSettings sqliteSettings(Path file) {
        return DatabaseSettings.of("jdbc:sqlite:" + file);
    }

    /** The test server's URL; the calling test is skipped, saying why, when it is not set. */
    public static String postgresUrl() {
        var url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty(PG_URL_VARIABLE);
        }
        if ((url == null || url.isBlank()) && "true".equals(System.getenv(REQUIRE_PG_VARIABLE))) {
            throw new IllegalStateException(REQUIRE_PG_VARIABLE + "=true but " + PG_URL_VARIABLE
                    + " is not set: the PostgreSQL tests must run here");
        }
        assumeTrue(url != null && !url.isBlank(), SKIPPED);
        return url.strip();
    }

    /** The stores of an open database, as the out-port contracts take them. */
    public static Stores stores(Database database) {
        return new Stores(
                database.accounts(),
                database.tokens(),
                database.seats(),
                database.auditLog(),
                database.transactions(),
                database.verificationReads());
    }

    /** The sign-in stores of an open database, beside its accounts, as their contracts take them. */
    public static AccessStores accessStores(Database database) {
        return new AccessStores(
                database.accounts(),
                database.passwords(),
                database.sessions(),
                database.signInFailures(),
                database.transactions());
    }

    /**
     * The ports a server would wire over an open database: CSPRNG secrets and ids, SHA-256, the
     * given clock.
     */
    public static Ports ports(Database database, Clock clock) {
        var random = new SecureRandom();
        return new Ports(
                database.accounts(),
                database.tokens(),
                database.seats(),
                database.auditLog(),
                database.transactions(),
                new SecureRandomSecretGenerator(random),
                new Sha256SecretHasher(),
                new RandomIdGenerator(random),
                clock,
                database.verificationReads());
    }

    /** Empties every table of an open database, leaving the schema (and the audit sequence) as it is. */
    public static void empty(Database database) {
        try (var handle = org.jdbi.v3.core.Jdbi.create(database.dataSource()).open()) {
            for (var table : java.util.List.of(
                    "sign_in_failures",
                    "sessions",
                    "account_passwords",
                    "audit_events",
                    "seats",
                    "tokens",
                    "account_quota_uses",
                    "accounts")) {
                handle.execute("DELETE FROM " + table);
            }
        }
    }

    /**
     * A schema of its own on the PostgreSQL test server, made now and dropped on {@link #close()}:
     * each test run works in fresh schemas and leaves none behind.
     */
    public static final class PostgresSchema implements AutoCloseable {
        private final String serverUrl;
        private final String name;

        private PostgresSchema(String serverUrl, String name) {
            this.serverUrl = serverUrl;
            this.name = name;
        }

        /** A fresh schema; skips the calling test when {@value #PG_URL_VARIABLE} is not set. */
        public static PostgresSchema create() {
            var serverUrl = postgresUrl();
            var name = "seatwarden_test_"
                    + Long.toUnsignedString(new SecureRandom().nextLong(), 36).toLowerCase(Locale.ROOT);
            execute(serverUrl, "CREATE SCHEMA " + name);
            return new PostgresSchema(serverUrl, name);
        }

        public String name() {
            return name;
        }

        /** Settings whose connections work in this schema. */
        public DatabaseSettings settings() {
            return DatabaseSettings.of(serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name);
        }

        /** Opens (and migrates) the database in this schema. */
        public Database open() {
            return Database.open(settings());
        }

        @Override
        public void close() {
            execute(serverUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }

        private static void execute(String url, String sql) {
            try (var connection = DriverManager.getConnection(url);
                    var statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException failure) {
                throw new IllegalStateException(
                        "the PostgreSQL test server at " + PG_URL_VARIABLE + " failed: " + failure.getMessage(),
                        failure);
            }
        }
    }
}
