package dev.seatwarden.adapters.persistence;

import io.vavr.collection.List;

/** The unit of work on PostgreSQL: a fresh schema for every database a test opens. */
class PostgresSessionTest extends SessionContract {

    private List<TestDatabases.PostgresSchema> schemas = List.empty();

    @Override
    protected Database open(int poolSize) {
        var schema = TestDatabases.PostgresSchema.create();
        schemas = schemas.append(schema);
        return Database.open(schema.settings().withPoolSize(poolSize));
    }

    @Override
    protected void cleanUp() {
        schemas.forEach(TestDatabases.PostgresSchema::close);
        schemas = List.empty();
    }
}
