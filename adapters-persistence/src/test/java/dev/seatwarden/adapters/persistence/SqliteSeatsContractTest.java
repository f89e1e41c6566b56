package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.SeatsContract;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Seats contract on SQLite: a new database file for every test. */
class SqliteSeatsContractTest extends SeatsContract {

    @RegisterExtension
    final SqliteDatabaseExtension sqlite = new SqliteDatabaseExtension();

    @TempDir
    Path folder;

    @Override
    protected Stores stores() {
        return sqlite.freshStores(folder);
    }
}
