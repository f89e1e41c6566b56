package dev.seatwarden.adapters.persistence;

import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Column values: instants as stored: whole microseconds since the epoch in a 64-bit integer column, the same on
 * SQLite and PostgreSQL, sortable and exact (PostgreSQL's own timestamps keep microseconds too).
 */
final class Columns {

    private Columns() {}

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /**
     * The smallest whole microsecond at or after {@code instant}: a bound to compare stored
     * microseconds with, exactly as the instant itself would be ({@code at < bound} and
     * {@code at >= bound} answer the same for both), even when it carries nanoseconds.
     */
    static long microsCeiling(Instant instant) {
        long micros = micros(instant);
        return toInstant(micros).isBefore(instant) ? micros + 1 : micros;
    }

    static Long optionalMicros(Option<Instant> instant) {
        return instant.map(Columns::micros).getOrNull();
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return toInstant(row.getLong(column));
    }

    static Option<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? Option.none() : Option.some(toInstant(micros));
    }

    static Option<String> optionalText(ResultSet row, String column) throws SQLException {
        return Option.of(row.getString(column));
    }
}
