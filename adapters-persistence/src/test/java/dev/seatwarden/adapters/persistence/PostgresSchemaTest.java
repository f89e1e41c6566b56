package dev.seatwarden.adapters.persistence;

/** The schema on PostgreSQL: a new schema for every test, dropped after it. */
class PostgresSchemaTest extends SchemaContract {

    private TestDatabases.PostgresSchema schema;

    @Override
    protected Database openEmpty() {
        schema = TestDatabases.PostgresSchema.create();
        return schema.open();
    }

    @Override
    protected Database reopen() {
        return schema.open();
    }

    @Override
    protected void cleanUp() {
        if (schema != null) {
            schema.close();
        }
    }
}
