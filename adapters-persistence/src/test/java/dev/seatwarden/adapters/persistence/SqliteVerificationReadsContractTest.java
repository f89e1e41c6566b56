package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.VerificationReadsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The verification reads contract on SQLite (one joined statement): a new database file for every test. */
class SqliteVerificationReadsContractTest extends VerificationReadsContract {

    @RegisterExtension
    final SqliteDatabaseExtension sqlite = new SqliteDatabaseExtension();

    @TempDir
    Path folder;

    @Override
    protected Stores stores() {
        return sqlite.freshStores(folder);
    }
}
