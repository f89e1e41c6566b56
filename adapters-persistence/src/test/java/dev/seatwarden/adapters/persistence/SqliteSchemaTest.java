package dev.seatwarden.adapters.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTest extends SchemaContract {

    @TempDir
    Path folder;

    @Override
    protected Database openEmpty() {
        return Database.open(TestDatabases.sqliteSettings(folder.resolve("schema.db")));
    }

    @Override
    protected Database reopen() {
        return openEmpty();
    }
}
