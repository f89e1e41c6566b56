package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TransactionsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Transactions contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresTransactionsContractTest extends TransactionsContract {

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

    /**
     * Every unit here updates the same row: at SERIALIZABLE all but one of the threads' units fail
     * and are retried each round, so fewer units keep the test short.
     */
    @Override
    protected int unitsPerThread() {
        return 40;
    }

    @Override
    protected Stores stores() {
        TestDatabases.empty(database);
        return TestDatabases.stores(database);
    }
}
