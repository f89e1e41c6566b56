package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.Stores;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database for one test class: a schema of its own, made before the first test and
 * dropped after the last, emptied for each test that asks for {@link #freshStores()}. Skips the
 * class, saying why, when {@value TestDatabases#PG_URL_VARIABLE} is not set.
 */
final class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabases.PostgresSchema schema;
    private Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = TestDatabases.PostgresSchema.create();
        database = schema.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** The class's database, emptied. */
    Stores freshStores() {
        TestDatabases.empty(database);
        return TestDatabases.stores(database);
    }

    /** The class's database, emptied: its sign-in stores. */
    AccessStores freshAccessStores() {
        TestDatabases.empty(database);
        return TestDatabases.accessStores(database);
    }
}
