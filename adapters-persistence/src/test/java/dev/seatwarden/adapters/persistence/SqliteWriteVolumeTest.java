package dev.seatwarden.adapters.persistence;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenSeat;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.rotated;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.savedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many pages a save writes on SQLite (issue 7: a first-use claim is a durable commit, and its
 * cost grows with the pages the commit appends to the write-ahead log). SQLite rewrites the entries
 * of every index on a column an {@code UPDATE} names, whether its value changed or not; the save
 * the rules make most (a token's use) names only the columns it may change.
 * Measured as the frames the log holds after the save, from an emptied log.
 */
class SqliteWriteVolumeTest {

    @TempDir
    Path folder;

    private Database database;
    private Stores stores;

    @BeforeEach
    void open() {
        database = TestDatabases.sqlite(folder);
        stores = new Stores(
                database.accounts(), database.tokens(), database.seats(), database.auditLog(), database.transactions());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_use_rewrites_one_page_of_the_tokens_table_and_none_of_its_five_indexes() throws Exception {
        // Given a stored token among others (so that its table and indexes span several pages)
        var token = aTokenAmongOthers();

        // When its use is saved
        var used = token.withUse(new LastUse(new MachineId("machine-1"), Option.none(), Option.none()), at(9_000_000));
        stores.tokens().save(used);

        // Then the log holds one page: the row's (the unique keys on the secret hashes, the id and
        // account, the account's listing are left alone)
        assertThat(framesInTheLog()).isEqualTo(1);
        assertThat(stores.tokens().findById(token.id()).get()).isEqualTo(savedOnce(used));
    }

    @Test
    void a_rotation_still_rewrites_the_secret_hash_keys_and_is_stored_whole() throws Exception {
        var token = aTokenAmongOthers();

        var turned = rotated(token, 9_999, Duration.ofHours(1), at(9_000_000));
        stores.tokens().save(turned);

        assertThat(framesInTheLog()).isGreaterThan(1);
        assertThat(stores.tokens().findById(token.id()).get()).isEqualTo(savedOnce(turned));
        assertThat(stores.tokens().findBySecretHash(turned.secretHash()).map(Token::id))
                .contains(token.id());
    }

    /** Token 100 of 200 stored, each with its seat; then the log emptied. */
    private Token aTokenAmongOthers() throws SQLException {
        var account = givenAccount(stores, "volume");
        for (int seed = 1; seed <= 200; seed++) {
            givenSeat(stores, account.id(), seed);
        }
        var token = stores.tokens().findById(new TokenId("tok_100")).get();
        emptyTheLog();
        return token;
    }

    /** Copies the log into the database file and empties it. */
    private void emptyTheLog() throws SQLException {
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            result.next();
            assertThat(result.getInt(1)).as("the checkpoint was not blocked").isZero();
            assertThat(result.getInt(2)).as("frames left in the log").isZero();
        }
    }

    /** The frames (pages) in the log: the second column of a passive checkpoint's answer. */
    private int framesInTheLog() throws SQLException {
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            return result.getInt(2);
        }
    }
}
