package dev.seatwarden.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.seatwarden.application.port.out.AccessPorts;
import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.SignInFailures;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.port.out.VerificationReads;
import dev.seatwarden.application.security.BoundedPasswordHasher;
import dev.seatwarden.application.security.SecureRandomSessionKeys;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.StatementExceptions.MessageRendering;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open database: a connection pool, the schema migrated, and the application's storage out-ports
 * on it. Open one per process with {@link #open}; close it on the way out.
 *
 * <pre>{@code
 * try (var database = Database.open(DatabaseSettings.defaults())) {
 *     var ports = new Ports(database.accounts(), database.tokens(), database.seats(),
 *             database.auditLog(), database.transactions(), ..., clock, database.verificationReads());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    private final DatabaseSettings settings;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    private final DataSource health;
    private final int migrationsApplied;
    private final Session session;

    /** SQLite's writer: its lock and its connection, outside the pool. */
    private final Option<SqliteWriter> writer;

    private final JdbiAccounts accounts;
    private final JdbiTokens tokens;
    private final JdbiSeats seats;
    private final VerificationReads verificationReads;
    private final JdbiAuditLog auditLog;
    private final JdbiPasswords passwords;
    private final JdbiSessions sessions;
    private final JdbiSignInFailures signInFailures;

    /** SQLite: each connection's prepared statements, kept for its next use. */
    private final SqliteStatementCache statements = new SqliteStatementCache();

    private Database(DatabaseSettings settings, HikariDataSource pool, DataSource health, int migrationsApplied) {
        this.settings = settings;
        this.pool = pool;
        this.health = health;
        this.migrationsApplied = migrationsApplied;
        var jdbi = Jdbi.create(pool);
        configure(jdbi);
        this.writer = settings.engine() == Engine.SQLITE ? Option.some(writer(settings)) : Option.none();
        this.session = new Session(jdbi, settings.engine(), writer, connection -> {
            if (writer.filter(w -> w.discard(connection)).isEmpty()) {
                pool.evictConnection(connection);
            }
        });
        this.accounts = new JdbiAccounts(session);
        this.tokens = new JdbiTokens(session);
        this.seats = new JdbiSeats(session);
        // the joined read on SQLite only: on PostgreSQL's serializable isolation it made claims
        // fail to serialize three to four times as often, and halved them (JdbiVerificationReads)
        this.verificationReads = settings.engine() == Engine.SQLITE
                ? new JdbiVerificationReads(session)
                : VerificationReads.through(tokens, accounts, seats);
        this.auditLog = new JdbiAuditLog(session, settings.engine());
        this.passwords = new JdbiPasswords(session);
        this.sessions = new JdbiSessions(session);
        this.signInFailures = new JdbiSignInFailures(session);
    }

    /**
     * SQLite's writer. At {@code synchronous=FULL} on a file, the writer's connection commits at
     * {@code NORMAL} and the writer forces the write-ahead log itself before any unit of the commit
     * returns, outside its lock (issue 7): as durable, and the next commits run meanwhile.
     */
    private SqliteWriter writer(DatabaseSettings settings) {
        boolean forcesItself = sqliteFile(settings).isDefined()
                && settings.sqliteSynchronous() == DatabaseSettings.SqliteSynchronous.FULL;
        var connections = forcesItself
                ? sqlite(settings.withSqliteSynchronous(DatabaseSettings.SqliteSynchronous.NORMAL))
                : sqlite(settings);
        return new SqliteWriter(connections, forcesItself, this::configure);
    }

    /** The settings every jdbi of this database has. */
    private void configure(Jdbi jdbi) {
        // a statement's failure names neither its SQL nor its bound values (hashes, addresses)
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(MessageRendering.NONE);
        // the SQL here is plain, with no <attribute> to fill in: rendering it through jdbi's
        // default template engine made a new string per statement, which jdbi's parse cache then
        // hashed again (about 2 µs of CPU per statement, nine statements per seat claim)
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        if (settings.engine() == Engine.SQLITE) {
            jdbi.setStatementBuilderFactory(statements);
        }
    }

    /**
     * Opens the database the settings name: makes an SQLite file's folder if it is missing, starts
     * the pool and applies the migrations the schema lacks.
     *
     * @throws DatabaseException if it cannot be reached or migrated; the message names the URL with
     *     any password masked
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(settings);
            } catch (DatabaseException failure) {
                if (settings.engine() != Engine.SQLITE || attempt >= SQLITE_OPEN_ATTEMPTS || !isOpeningRace(failure)) {
                    throw failure;
                }
                pause(50L * attempt);
            }
        }
    }

    /** How many times opening an SQLite file is tried (see {@link #isOpeningRace}). */
    static final int SQLITE_OPEN_ATTEMPTS = 5;

    /**
     * Whether an SQLite open failed because another process opened the same new file at the same
     * moment, and a second try would find its work done: switching a new file to WAL answers
     * {@code SQLITE_BUSY} at once, whatever the busy timeout, and Flyway takes no lock on its
     * history on SQLite, so two processes can both find a version missing, the slower one's
     * {@code CREATE TABLE} failing and rolling back. Each try reads the file's state afresh.
     */
    private static boolean isOpeningRace(Throwable failure) {
        if (Session.isConflict(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.flywaydb.core.api.FlywayException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while opening the database", interrupted);
        }
    }

    private static Database openOnce(DatabaseSettings settings) {
        var pool = pool(settings);
        try {
            // migrations take connections of their own: Flyway needs two at once on PostgreSQL,
            // which a pool of one could never give
            int applied = Migrations.apply(direct(settings, Option.none()), settings.engine());
            return new Database(settings, pool, direct(settings, Option.some(HEALTH_TIMEOUT)), applied);
        } catch (RuntimeException failure) {
            pool.close();
            throw failure;
        }
    }

    /**
     * Connections outside the pool, for migrations and the health check: SQLite's with the pool's
     * pragmas, PostgreSQL's with connect and socket timeouts when {@code timeout} is given.
     */
    private static DataSource direct(DatabaseSettings settings, Option<Duration> timeout) {
        if (settings.engine() == Engine.SQLITE) {
            return sqlite(settings);
        }
        var source = new PGSimpleDataSource();
        source.setURL(settings.url());
        settings.user().forEach(source::setUser);
        settings.password().forEach(source::setPassword);
        source.setLogServerErrorDetail(false);
        source.setApplicationName("seatwarden");
        for (var limit : timeout) {
            int seconds = (int) Math.max(1, limit.toSeconds());
            source.setConnectTimeout(seconds);
            source.setSocketTimeout(seconds);
            source.setLoginTimeout(seconds);
        }
        return source;
    }

    private static HikariDataSource pool(DatabaseSettings settings) {
        var config = new HikariConfig();
        config.setPoolName("seatwarden");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        switch (settings.engine()) {
            case SQLITE -> {
                makeFolder(settings);
                config.setDataSource(sqlite(settings));
            }
            case POSTGRESQL -> {
                config.setJdbcUrl(settings.url());
                settings.user().forEach(config::setUsername);
                settings.password().forEach(config::setPassword);
                config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
                // the server's detail lines ("Key (…)=(…) already exists") would repeat stored values
                config.addDataSourceProperty("logServerErrorDetail", "false");
                config.addDataSourceProperty("ApplicationName", "seatwarden");
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException failure) {
            var cause = failure.getCause() != null ? failure.getCause() : failure;
            throw new DatabaseException(
                    "cannot open the database " + settings.maskedUrl() + ": " + cause.getMessage(), failure);
        }
    }

    private static SQLiteDataSource sqlite(DatabaseSettings settings) {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // as a pragma's text: the driver's own enum lacks EXTRA
        config.setPragma(
                SQLiteConfig.Pragma.SYNCHRONOUS, settings.sqliteSynchronous().name());
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        // units of work begin IMMEDIATE themselves (Session): connections stay in auto-commit mode
        var source = new SQLiteDataSource(config);
        source.setUrl(settings.url());
        return source;
    }

    /** The folder of an SQLite file, made on first use. */
    private static void makeFolder(DatabaseSettings settings) {
        var file = sqliteFile(settings);
        if (file.isEmpty()) {
            return;
        }
        var parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException failure) {
            throw new DatabaseException("cannot make the database's folder " + parent + ": " + failure, failure);
        }
    }

    /** An SQLite URL's file, absolute; none for a URI ({@code file:…}) or an in-memory database. */
    private static Option<Path> sqliteFile(DatabaseSettings settings) {
        var file = settings.url().substring(Engine.SQLITE.prefix().length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.startsWith("file:") || file.isEmpty() || file.equals(":memory:")) {
            return Option.none();
        }
        return Option.some(Path.of(file).toAbsolutePath());
    }

    public Engine engine() {
        return settings.engine();
    }

    /** The settings it was opened with. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** How many migrations {@link #open} applied: 0 when the schema was already up to date. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Tokens tokens() {
        return tokens;
    }

    /**
     * A verification's first read: the token, its account and its seat in one statement on SQLite,
     * one after the other on PostgreSQL. Give it to {@code Ports} beside the stores.
     */
    public VerificationReads verificationReads() {
        return verificationReads;
    }

    public Seats seats() {
        return seats;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    /** Account passwords (their hashes); they take part in {@link #transactions()}. */
    public Passwords passwords() {
        return passwords;
    }

    /** Signed-in sessions; they take part in {@link #transactions()}. */
    public Sessions sessions() {
        return sessions;
    }

    /** The sign-in throttle's failures; they take part in {@link #transactions()}. */
    public SignInFailures signInFailures() {
        return signInFailures;
    }

    /**
     * The sign-in ports over this database: its password, session and failure stores, Argon2id
     * (OWASP's parameters, as many at once as there are processors) for passwords, and session keys from {@code random}.
     */
    public AccessPorts accessPorts(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new AccessPorts(
                passwords(),
                sessions(),
                signInFailures(),
                BoundedPasswordHasher.perProcessor(new Argon2idPasswordHasher(random)),
                new SecureRandomSessionKeys(random));
    }

    /** The unit of work over these stores. */
    public Transactions transactions() {
        return session;
    }

    /**
     * Whether the database answers within about two seconds (for {@code GET /health}). It asks on a
     * connection of its own, so a pool busy with units of work does not read as a database down.
     */
    public boolean isUp() {
        if (pool.isClosed()) {
            return false;
        }
        try (var connection = health.getConnection()) {
            return connection.isValid((int) HEALTH_TIMEOUT.toSeconds());
        } catch (SQLException | RuntimeException failure) {
            return false;
        }
    }

    /** SQLite's writer, for this package's tests. */
    Option<SqliteWriter> sqliteWriter() {
        return writer;
    }

    /** The pool itself, for this package's tests. */
    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "Database[" + settings.engine() + " " + settings.maskedUrl() + "]";
    }
}
