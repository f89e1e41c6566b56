package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AuditLogContract;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The AuditLog contract on SQLite: a new database file for every test. */
class SqliteAuditLogContractTest extends AuditLogContract {

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
