package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.contract.RestApiContract;
import dev.seatwarden.adapters.rest.contract.ServerUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Every row of rest-api.md against the wired server over HTTP, on a new SQLite file per test. */
class SqliteRestApiTest extends RestApiContract {

    @TempDir
    Path folder;

    @Override
    protected ServerUnderTest startServer() {
        return new WiredServer(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("seatwarden.db")), () -> {});
    }
}
