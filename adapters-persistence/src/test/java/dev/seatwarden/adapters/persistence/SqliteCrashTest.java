package dev.seatwarden.adapters.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety on SQLite with the default settings (WAL, {@code synchronous=FULL}): children killed
 * mid-write on one database file, then the file is opened again and checked, down to SQLite's own
 * {@code PRAGMA integrity_check}.
 */
class SqliteCrashTest extends AbstractCrashTest {

    @TempDir
    Path databaseFolder;

    @Override
    protected String url() {
        return TestDatabases.sqliteSettings(databaseFolder.resolve("crash.db")).url();
    }

    @Override
    protected String engineName() {
        return "SQLite";
    }

    @Override
    protected void copyRawState(Path folder) throws IOException {
        for (var suffix : List.of("", "-wal", "-shm")) {
            var file = databaseFolder.resolve("crash.db" + suffix);
            if (Files.exists(file)) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    /** Through a plain connection, not the pool: the file's integrity, foreign keys and journal mode. */
    @Override
    protected void checkEngine(Database database, List<String> violations) {
        try (var connection = DriverManager.getConnection(url());
                var statement = connection.createStatement()) {
            var integrity = new ArrayList<String>();
            try (var rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    integrity.add(rows.getString(1));
                }
            }
            if (!integrity.equals(List.of("ok"))) {
                violations.add("PRAGMA integrity_check: " + integrity);
            }
            try (var rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rows.next()) {
                    violations.add("PRAGMA foreign_key_check: a row of " + rows.getString(1) + " (rowid "
                            + rows.getLong(2) + ") names a missing row of " + rows.getString(3));
                }
            }
            try (var rows = statement.executeQuery("PRAGMA journal_mode")) {
                var mode = rows.next() ? rows.getString(1) : "(none)";
                if (!"wal".equalsIgnoreCase(mode)) {
                    violations.add("the file is in journal mode " + mode + ", not WAL: the test did not test WAL");
                }
            }
        } catch (SQLException failure) {
            violations.add("a plain connection to the file failed: " + failure);
        }
    }
}
