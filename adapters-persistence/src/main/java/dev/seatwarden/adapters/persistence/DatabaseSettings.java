package dev.seatwarden.adapters.persistence;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database: a JDBC URL with an optional user and password (cli-and-files.md:
 * {@code --db URL}, {@code SEATWARDEN_DB_URL}, {@code SEATWARDEN_DB_USER}, {@code
 * SEATWARDEN_DB_PASSWORD}), and the few knobs an operator may turn.
 *
 * @param url a {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…} URL
 * @param user the user name, if not in the URL
 * @param password the password, if not in the URL; never printed by {@link #toString()}
 * @param sqliteSynchronous SQLite's {@code PRAGMA synchronous}: FULL (the default: a commit is on
 *     disk when it returns), NORMAL (faster; in WAL mode the last commits may be lost on power
 *     failure, never corrupted) or EXTRA
 * @param busyTimeout how long a SQLite writer waits for another's lock before its unit is retried
 * @param poolSize the most connections the pool holds
 */
public record DatabaseSettings(
        String url,
        Option<String> user,
        Option<String> password,
        SqliteSynchronous sqliteSynchronous,
        Duration busyTimeout,
        int poolSize) {

    /** The embedded database when no URL is given: the file, and its folder, are made on first use. */
    public static final String DEFAULT_URL = "jdbc:sqlite:./seatwarden-data/seatwarden.db";

    /** SQLite's durability levels that Seatwarden accepts (OFF is not one of them). */
    public enum SqliteSynchronous {
        NORMAL,
        FULL,
        EXTRA
    }

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sqliteSynchronous, "sqliteSynchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        var engine = Engine.of(url).getOrElseThrow((String problem) -> new IllegalArgumentException(problem));
        if (engine == Engine.SQLITE && isTransientSqlite(url)) {
            throw new IllegalArgumentException("an in-memory or temporary SQLite database is not supported (each pooled"
                    + " connection would see a different, empty one): give a file, for example " + DEFAULT_URL);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the busy timeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("the pool size must be between 1 and 1000, not " + poolSize);
        }
    }

    /** The given URL with the defaults: no user or password, FULL sync, 5 s busy timeout, 10 connections. */
    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(
                url, Option.none(), Option.none(), SqliteSynchronous.FULL, Duration.ofSeconds(5), 10);
    }

    /** The default embedded SQLite file {@value #DEFAULT_URL}. */
    public static DatabaseSettings defaults() {
        return of(DEFAULT_URL);
    }

    public DatabaseSettings withCredentials(Option<String> user, Option<String> password) {
        return new DatabaseSettings(url, user, password, sqliteSynchronous, busyTimeout, poolSize);
    }

    public DatabaseSettings withSqliteSynchronous(SqliteSynchronous synchronous) {
        return new DatabaseSettings(url, user, password, synchronous, busyTimeout, poolSize);
    }

    public DatabaseSettings withBusyTimeout(Duration timeout) {
        return new DatabaseSettings(url, user, password, sqliteSynchronous, timeout, poolSize);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, user, password, sqliteSynchronous, busyTimeout, size);
    }

    private static boolean isTransientSqlite(String url) {
        var rest = url.substring(Engine.SQLITE.prefix().length());
        return rest.isBlank() || rest.startsWith("?") || rest.contains(":memory:") || rest.contains("mode=memory");
    }

    /** The engine the URL names. */
    public Engine engine() {
        return Engine.of(url).get();
    }

    /** The URL with any password in it masked, for logs and messages. */
    public String maskedUrl() {
        return mask(url);
    }

    /** Text with any password of a URL in it masked: {@code password=***}, {@code //user:***@host}. */
    static String mask(String text) {
        return text == null
                ? null
                : text.replaceAll("(?i)(password=)[^&;\\s]*", "$1***")
                        .replaceAll("(//[^/@:\\s]*:)[^/@\\s]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + maskedUrl() + ", user=" + user.getOrElse("(none)") + ", password="
                + (password.isDefined() ? "***" : "(none)") + ", sqliteSynchronous=" + sqliteSynchronous
                + ", busyTimeout=" + busyTimeout + ", poolSize=" + poolSize + "]";
    }
}
