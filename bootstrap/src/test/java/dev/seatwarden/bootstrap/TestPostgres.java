package dev.seatwarden.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server of the tests: its URL from {@code SEATWARDEN_TEST_PG_URL}, a test skipped
 * (and saying so) without it, unless {@code SEATWARDEN_REQUIRE_PG=true}, as in CI, where its
 * absence fails; and schemas of their own for tests to work in.
 */
final class TestPostgres {

    static final String URL_VARIABLE = "SEATWARDEN_TEST_PG_URL";

    private TestPostgres() {}

    /** The server's URL, or the test is skipped; {@code what} names the tests that need it. */
    static String url(String what) {
        var url = System.getenv(URL_VARIABLE);
        if ((url == null || url.isBlank()) && "true".equals(System.getenv("SEATWARDEN_REQUIRE_PG"))) {
            throw new IllegalStateException("SEATWARDEN_REQUIRE_PG=true but " + URL_VARIABLE + " is not set");
        }
        assumeTrue(
                url != null && !url.isBlank(),
                URL_VARIABLE + " is not set, so " + what + " on PostgreSQL are skipped; set it (for example to"
                        + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them");
        return url.strip();
    }

    /** A new, empty schema named after {@code prefix}. */
    static String createSchema(String url, String prefix) {
        var schema =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String url, String schema) {
        execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }

    /** {@code url} with {@code schema} as its current schema. */
    static String inSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String url, String sql) {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, failure);
        }
    }
}
