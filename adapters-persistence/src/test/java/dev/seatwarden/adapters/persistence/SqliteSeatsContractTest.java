package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.SeatsContract;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The Seats contract on SQLite: a new database file for every test. */
class SqliteSeatsContractTest extends SeatsContract {

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
