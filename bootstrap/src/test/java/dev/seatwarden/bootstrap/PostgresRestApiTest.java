package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.contract.RestApiContract;
import dev.seatwarden.adapters.rest.contract.ServerUnderTest;

/**
 * Every row of rest-api.md against the wired server over HTTP, on PostgreSQL: a schema of its own
 * per test, dropped afterwards. Needs {@code SEATWARDEN_TEST_PG_URL} (see {@link TestPostgres}).
 */
class PostgresRestApiTest extends RestApiContract {

    @Override
    protected ServerUnderTest startServer() {
        var url = TestPostgres.url("the REST API tests");
        var schema = TestPostgres.createSchema(url, "rest_api");
        var database = DatabaseSettings.of(TestPostgres.inSchema(url, schema));
        try {
            return new WiredServer(database, () -> TestPostgres.dropSchema(url, schema));
        } catch (RuntimeException failure) {
            TestPostgres.dropSchema(url, schema);
            throw failure;
        }
    }
}
