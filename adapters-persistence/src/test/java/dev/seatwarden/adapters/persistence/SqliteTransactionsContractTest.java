package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TransactionsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Transactions contract on SQLite: a new database file for every test. */
class SqliteTransactionsContractTest extends TransactionsContract {

    @RegisterExtension
    final SqliteDatabaseExtension sqlite = new SqliteDatabaseExtension();

    @TempDir
    Path folder;

    /** Every SQLite commit waits for the disk (synchronous=FULL): fewer units keep the test short. */
    @Override
    protected int unitsPerThread() {
        return 40;
    }

    @Override
    protected Stores stores() {
        return sqlite.freshStores(folder);
    }
}
