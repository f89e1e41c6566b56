package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class SqliteStatementCacheTest {

    @TempDir
    Path folder;

    private final SqliteStatementCache cache = new SqliteStatementCache();
    private final List<PreparedStatement> seen = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        jdbi = Jdbi.create(pool());
        jdbi.setStatementBuilderFactory(cache);
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            handle.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        });
    }

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void the_next_handle_on_the_connection_runs_the_statement_prepared_before() {
        assertThat(valueOf(2)).isEqualTo("two");
        assertThat(valueOf(3)).isEqualTo("three");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(cache.connections()).isEqualTo(1);
    }

    @Test
    void the_same_sql_in_use_twice_at_once_gets_a_second_statement_and_both_answer_right() {
        var pairs = jdbi.withHandle(handle -> {
            var found = new ArrayList<String>();
            try (var outer = recorded(handle.createQuery("SELECT v FROM t WHERE k >= :k ORDER BY k"))
                    .bind("k", 2)
                    .mapTo(String.class)
                    .stream()) {
                outer.forEach(value -> found.add(value + "/"
                        + recorded(handle.createQuery("SELECT v FROM t WHERE k >= :k ORDER BY k"))
                                .bind("k", 3)
                                .mapTo(String.class)
                                .first()));
            }
            return found;
        });

        assertThat(pairs).containsExactly("two/three", "three/three");
        assertThat(seen.get(1)).isNotSameAs(seen.get(0));
        assertThat(seen.get(2)).isSameAs(seen.get(1));
    }

    @Test
    void a_statement_that_failed_runs_right_the_next_time() {
        var insert = "INSERT INTO t (k, v) VALUES (:k, :v)";
        assertThatThrownBy(() -> jdbi.useHandle(handle -> recorded(handle.createUpdate(insert))
                        .bind("k", 1)
                        .bind("v", "taken")
                        .execute()))
                .hasRootCauseInstanceOf(SQLException.class);

        jdbi.useHandle(handle -> recorded(handle.createUpdate(insert))
                .bind("k", 4)
                .bind("v", "four")
                .execute());

        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(valueOf(4)).isEqualTo("four");
        assertThat(valueOf(1)).isEqualTo("one");
    }

    @Test
    void a_query_closed_before_its_last_row_leaves_no_read_snapshot_behind() {
        // only the first of three rows is read; the statement stays kept
        var first = jdbi.withHandle(handle -> recorded(handle.createQuery("SELECT v FROM t ORDER BY k"))
                .mapTo(String.class)
                .first());
        assertThat(first).isEqualTo("one");

        assertSeesACommitOfAnotherConnection();
    }

    @Test
    void a_statement_returning_rows_run_as_an_update_leaves_no_read_snapshot_behind() {
        // stepped to its first row and never read further
        jdbi.useHandle(handle ->
                recorded(handle.createUpdate("SELECT v FROM t ORDER BY k")).execute());

        assertSeesACommitOfAnotherConnection();
    }

    /**
     * Another connection commits a change; this pool's connection, which keeps the statements run
     * so far, sees it with a statement of other SQL (a statement it kept with an open read would
     * hold the connection's old snapshot, and this read would share it).
     */
    private void assertSeesACommitOfAnotherConnection() {
        Jdbi.create(pool()).useHandle(handle -> handle.execute("UPDATE t SET v = 'uno' WHERE k = 1"));

        assertThat(valueOf(1)).isEqualTo("uno");
        assertThat(cache.connections()).isEqualTo(1);
    }

    @Test
    void a_connection_keeps_a_bounded_number_of_statements_and_closes_the_least_recently_used() throws SQLException {
        jdbi.useHandle(handle -> {
            for (int n = 0; n < SqliteStatementCache.PER_CONNECTION + 5; n++) {
                recorded(handle.createQuery("SELECT v FROM t WHERE k = :k AND " + n + " = " + n))
                        .bind("k", 1)
                        .mapTo(String.class)
                        .one();
            }
        });

        for (int n = 0; n < 5; n++) {
            assertThat(seen.get(n).isClosed()).as("statement %d", n).isTrue();
        }
        for (int n = 5; n < seen.size(); n++) {
            assertThat(seen.get(n).isClosed()).as("statement %d", n).isFalse();
        }
    }

    @Test
    void a_closed_connection_is_forgotten_when_the_next_one_opens() throws Exception {
        var pool = pools.get(0);
        assertThat(valueOf(1)).isEqualTo("one");
        var kept = seen.get(0);
        var evicted = new org.sqlite.SQLiteConnection[1];
        var proxy = jdbi.withHandle(handle -> {
            evicted[0] = handle.getConnection().unwrap(org.sqlite.SQLiteConnection.class);
            return handle.getConnection();
        });
        // evicted once the handle gave the connection back: the pool closes it
        pool.evictConnection(proxy);
        for (int poll = 0; poll < 500 && !evicted[0].isClosed(); poll++) {
            Thread.sleep(10);
        }
        assertThat(evicted[0].isClosed()).isTrue();

        assertThat(valueOf(2)).isEqualTo("two");
        assertThat(seen.get(1)).isNotSameAs(kept);
        assertThat(cache.connections()).isEqualTo(1);
    }

    private String valueOf(int key) {
        return jdbi.withHandle(handle -> recorded(handle.createQuery("SELECT v FROM t WHERE k = :k"))
                .bind("k", key)
                .mapTo(String.class)
                .one());
    }

    /** The statement gets recorded in {@link #seen} when it runs. */
    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S recorded(S statement) {
        return statement.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                seen.add(stmt);
            }
        });
    }

    /** One connection over the folder's database, in WAL mode as the adapters' pool. */
    private HikariDataSource pool() {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        var source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + folder.resolve("cache.db"));
        var hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(1);
        var pool = new HikariDataSource(hikari);
        pools.add(pool);
        return pool;
    }
}
