package dev.seatwarden.adapters.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionTest extends SessionContract {

    @TempDir
    Path folder;

    private int opened;

    @Override
    protected Database open(int poolSize) {
        // the first database of a test is the one under test; later ones get files of their own
        return Database.open(TestDatabases.sqliteSettings(folder.resolve("session-" + (opened++) + ".db"))
                .withPoolSize(poolSize));
    }
}
