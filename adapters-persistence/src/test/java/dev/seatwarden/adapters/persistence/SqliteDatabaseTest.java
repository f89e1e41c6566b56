package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.persistence.DatabaseSettings.SqliteSynchronous;
import dev.seatwarden.application.port.out.contract.ContractFixtures;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded SQLite database is made with: its file, its pragmas, its write transactions. */
class SqliteDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void the_file_and_its_missing_folders_are_made_on_first_use() {
        // Given a file in folders that do not exist yet
        var file = folder.resolve("a").resolve("b").resolve("seatwarden.db");

        // When the database is opened
        try (var database = Database.open(TestDatabases.sqliteSettings(file))) {
            // Then the file exists, migrated, and answers
            assertThat(file).exists();
            assertThat(database.migrationsApplied()).isEqualTo(2);
            assertThat(database.isUp()).isTrue();
        }
    }

    @Test
    void every_pooled_connection_runs_wal_full_sync_foreign_keys_and_the_busy_timeout() throws Exception {
        try (var database = TestDatabases.sqlite(folder)) {
            // When several pooled connections are asked for their pragmas at once
            for (int i = 0; i < 3; i++) {
                try (var a = database.dataSource().getConnection();
                        var b = database.dataSource().getConnection()) {
                    for (var connection : java.util.List.of(a, b)) {
                        // Then each answers WAL, FULL (2), foreign keys on, 5000 ms
                        assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                        assertThat(pragma(connection, "synchronous")).isEqualTo("2");
                        assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                        assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
                    }
                }
            }
        }
    }

    @Test
    void synchronous_and_busy_timeout_are_configurable() throws Exception {
        var settings = TestDatabases.sqliteSettings(folder.resolve("fast.db"))
                .withSqliteSynchronous(SqliteSynchronous.NORMAL)
                .withBusyTimeout(Duration.ofMillis(1234));
        try (var database = Database.open(settings);
                var connection = database.dataSource().getConnection()) {
            assertThat(pragma(connection, "synchronous")).isEqualTo("1");
            assertThat(pragma(connection, "busy_timeout")).isEqualTo("1234");
        }
    }

    @Test
    void a_unit_that_reads_then_writes_waits_for_another_process_writer_instead_of_failing_at_once() throws Exception {
        // Given two databases on one file (two processes' pools), the first holding the write lock
        var file = folder.resolve("shared.db");
        try (var first = Database.open(TestDatabases.sqliteSettings(file));
                var second = Database.open(TestDatabases.sqliteSettings(file))) {
            var alice = newAccount("alice");
            first.accounts().save(alice);
            var writing = new CountDownLatch(1);
            var holder = CompletableFuture.runAsync(() -> first.transactions().inTransaction(() -> {
                first.accounts().save(newAccount("bob"));
                writing.countDown();
                sleep(700);
                return null;
            }));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            // When the second reads Alice, then writes a change of her, while the first still writes
            var changed = second.transactions().inTransaction(() -> {
                var read = second.accounts().findById(alice.id()).get();
                second.accounts()
                        .save(ContractFixtures.with(
                                read, Plan.ENTERPRISE, Subscription.ACTIVE, Option.none(), List.empty()));
                return second.accounts().findById(alice.id()).get();
            });
            holder.get(10, TimeUnit.SECONDS);

            // Then it waited for the lock (IMMEDIATE + busy timeout) and committed: both writes are there
            assertThat(changed.plan()).isEqualTo(Plan.ENTERPRISE);
            assertThat(first.accounts().findById(alice.id()).get().version()).isEqualTo(2);
            assertThat(first.accounts().all()).hasSize(2);
        }
    }

    @Test
    void reopening_a_migrated_file_applies_nothing_and_keeps_the_data() {
        var file = folder.resolve("kept.db");
        var alice = newAccount("alice");
        try (var database = Database.open(TestDatabases.sqliteSettings(file))) {
            database.accounts().save(alice);
        }
        try (var reopened = Database.open(TestDatabases.sqliteSettings(file))) {
            assertThat(reopened.migrationsApplied()).isZero();
            assertThat(reopened.accounts().findById(alice.id())).containsExactly(alice.withVersion(1));
        }
    }

    @Test
    void two_processes_opening_a_new_file_at_once_both_migrate_it() throws Exception {
        // Flyway takes no lock on SQLite: the server and an admin command opening a new file at
        // once both found versions missing, and the slower one failed ("table already exists")
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                var file = folder.resolve("race-" + round + ".db");
                var start = new CountDownLatch(1);
                var openings = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
                for (int process = 0; process < 2; process++) {
                    openings.add(pool.submit(() -> {
                        start.await();
                        try (var database = Database.open(TestDatabases.sqliteSettings(file))) {
                            return database.migrationsApplied();
                        }
                    }));
                }
                start.countDown();
                int applied = 0;
                for (var opening : openings) {
                    applied += opening.get(30, TimeUnit.SECONDS);
                }
                // each version applied once, by one or the other, and the schema whole
                assertThat(applied).isEqualTo(2);
                try (var again = Database.open(TestDatabases.sqliteSettings(file))) {
                    assertThat(again.migrationsApplied()).isZero();
                    assertThat(again.accounts().all()).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String pragma(java.sql.Connection connection, String name) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
