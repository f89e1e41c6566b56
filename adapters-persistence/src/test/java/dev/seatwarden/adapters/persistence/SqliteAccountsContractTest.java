package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccountsContract;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The Accounts contract on SQLite: a new database file for every test. */
class SqliteAccountsContractTest extends AccountsContract {

    @TempDir
    Path folder;

    private Database database;

    @Override
    protected Stores stores() {
        database = TestDatabases.sqlite(folder);
        return TestDatabases.stores(database);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
