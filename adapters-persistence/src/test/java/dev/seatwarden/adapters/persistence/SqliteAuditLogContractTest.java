package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AuditLogContract;
import dev.seatwarden.application.port.out.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The AuditLog contract on SQLite: a new database file for every test. */
class SqliteAuditLogContractTest extends AuditLogContract {

    @RegisterExtension
    final SqliteDatabaseExtension sqlite = new SqliteDatabaseExtension();

    @TempDir
    Path folder;

    @Override
    protected Stores stores() {
        return sqlite.freshStores(folder);
    }
}
