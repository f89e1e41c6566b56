package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.PasswordsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Passwords contract on SQLite: a new database file for every test. */
class SqlitePasswordsContractTest extends PasswordsContract {

    @RegisterExtension
    final SqliteDatabaseExtension sqlite = new SqliteDatabaseExtension();

    @TempDir
    Path folder;

    @Override
    protected AccessStores stores() {
        return sqlite.freshAccessStores(folder);
    }
}
