package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccountsContract;
import dev.seatwarden.application.port.out.contract.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Accounts contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresAccountsContractTest extends AccountsContract {

    private static TestDatabases.PostgresSchema schema;
    private static Database database;

    @BeforeAll
    static void open() {
        schema = TestDatabases.PostgresSchema.create();
        database = schema.open();
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected Stores stores() {
        TestDatabases.empty(database);
        return TestDatabases.stores(database);
    }
}
