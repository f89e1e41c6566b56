package dev.seatwarden.adapters.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Crash safety on PostgreSQL: children killed mid-write (their connections cut with them), all in
 * one fresh schema, which is then opened again and checked. Skipped, saying why, when {@value
 * TestDatabases#PG_URL_VARIABLE} is not set.
 */
class PostgresCrashTest extends AbstractCrashTest {

    private TestDatabases.PostgresSchema schema;

    @BeforeEach
    void createSchema() {
        schema = TestDatabases.PostgresSchema.create();
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected String url() {
        return schema.settings().url();
    }

    @Override
    protected String engineName() {
        return "PostgreSQL";
    }
}
