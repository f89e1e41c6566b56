package dev.seatwarden.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.contract.RestApiContract;
import dev.seatwarden.adapters.rest.contract.ServerUnderTest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * Every row of rest-api.md against the wired server over HTTP, on PostgreSQL: a schema of its own
 * per test, dropped afterwards. Needs {@code SEATWARDEN_TEST_PG_URL}; skipped (and says so)
 * without it, unless {@code SEATWARDEN_REQUIRE_PG=true}, as in CI, where its absence fails.
 */
class PostgresRestApiTest extends RestApiContract {

    private static final String PG_URL_VARIABLE = "SEATWARDEN_TEST_PG_URL";

    @Override
    protected ServerUnderTest startServer() {
        var url = postgresUrl();
        var schema = "rest_api_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        var database = DatabaseSettings.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        try {
            return new WiredServer(database, () -> execute(url, "DROP SCHEMA " + schema + " CASCADE"));
        } catch (RuntimeException failure) {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
            throw failure;
        }
    }

    private static void execute(String url, String sql) {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, failure);
        }
    }

    private static String postgresUrl() {
        var url = System.getenv(PG_URL_VARIABLE);
        if ((url == null || url.isBlank()) && "true".equals(System.getenv("SEATWARDEN_REQUIRE_PG"))) {
            throw new IllegalStateException("SEATWARDEN_REQUIRE_PG=true but " + PG_URL_VARIABLE + " is not set");
        }
        assumeTrue(
                url != null && !url.isBlank(),
                PG_URL_VARIABLE + " is not set, so the REST API tests on PostgreSQL are skipped; set it (for"
                        + " example to jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them");
        return url.strip();
    }
}
