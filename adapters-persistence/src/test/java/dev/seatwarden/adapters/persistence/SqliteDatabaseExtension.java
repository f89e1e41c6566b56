package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A new SQLite database file for each test that asks for one, closed after the test. */
final class SqliteDatabaseExtension implements AfterEachCallback {

    private Database database;

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** A new database in {@code folder} (the test's temporary folder). */
    Stores freshStores(Path folder) {
        database = TestDatabases.sqlite(folder);
        return TestDatabases.stores(database);
    }

    /** A new database in {@code folder}: its sign-in stores. */
    AccessStores freshAccessStores(Path folder) {
        database = TestDatabases.sqlite(folder);
        return TestDatabases.accessStores(database);
    }
}
