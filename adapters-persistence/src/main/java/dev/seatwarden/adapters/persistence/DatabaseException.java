package dev.seatwarden.adapters.persistence;

import java.sql.SQLException;

/**
 * A database failure that is not a conflict: the database is unreachable, or refused a statement.
 * Its message names what was being done and the engine's SQL state, never a bound value.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String what, SQLException cause) {
        super("the database failed while " + what + " (SQL state " + cause.getSQLState() + ")", cause);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
