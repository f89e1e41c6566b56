package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TokensContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The Tokens contract on SQLite: a new database file for every test. */
class SqliteTokensContractTest extends TokensContract {

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
