package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be opened says which and why, and never shows a password. */
class DatabaseOpenFailureTest {

    @TempDir
    Path folder;

    @Test
    void a_postgresql_server_that_does_not_answer_is_named_with_its_password_masked() {
        // Given a URL of a port where no server listens, with a password in it
        var settings = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/seatwarden?user=sw&password=hunter2-secret"
                        + "&connectTimeout=2")
                .withPoolSize(1);

        // When it is opened
        var failure = catchThrowable(() -> Database.open(settings));

        // Then the failure names the database, masked, and the cause, and nowhere the password
        assertThat(failure)
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot open the database jdbc:postgresql://127.0.0.1:1/seatwarden")
                .hasMessageContaining("password=***");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain("hunter2");
        }
    }

    @Test
    void a_sqlite_folder_that_cannot_be_made_is_named() throws Exception {
        // Given a file where the database's folder should be
        var blocker = Files.writeString(folder.resolve("not-a-folder"), "x");
        var settings =
                TestDatabases.sqliteSettings(blocker.resolve("seatwarden.db")).withBusyTimeout(Duration.ofMillis(100));

        // When the database is opened, then the failure names the folder
        assertThat(catchThrowable(() -> Database.open(settings)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot make the database's folder")
                .hasMessageContaining(blocker.toString());
    }
}
