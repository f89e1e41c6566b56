package dev.seatwarden.adapters.persistence;

import java.sql.SQLException;

/**
 * A database failure that is not a conflict: the database is unreachable, cannot be migrated, or
 * refused a statement (a constraint, a full disk). Its message names what was being done and the
 * engine's SQL state, never a bound value or a password.
 */
public class DatabaseException extends RuntimeException {

    DatabaseException(String message, Throwable cause) {
        super(DatabaseSettings.mask(message), cause);
    }

    /** A statement's failure on {@code what} (e.g. "the token tok_…"). */
    static DatabaseException on(String what, Throwable cause) {
        return new DatabaseException("the database failed on " + what + sqlState(cause), cause);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return " (SQL state " + sql.getSQLState() + ")";
            }
        }
        return "";
    }
}
