package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TransactionsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The Transactions contract on SQLite: a new database file for every test. */
class SqliteTransactionsContractTest extends TransactionsContract {

    @TempDir
    Path folder;

    private Database database;

    @Override
    protected Stores stores() {
        database = TestDatabases.sqlite(folder);
        return TestDatabases.stores(database);
    }

    /** Every SQLite commit waits for the disk (synchronous=FULL): fewer units keep the test short. */
    @Override
    protected int unitsPerThread() {
        return 40;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
