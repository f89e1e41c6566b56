package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/** {@link Seats} in the {@code seats} table: one row per token, its primary key (R11). */
final class JdbiSeats implements Seats {

    private static final String SELECT = "SELECT token_id, account_id, state, machine_id, assigned_at,"
            + " last_activity_at, released_manually_from, version FROM seats";

    private final Session session;

    JdbiSeats(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Option<Seat> findByToken(TokenId token) {
        Objects.requireNonNull(token, "token");
        return session.read(
                "the seat",
                handle -> List.ofAll(handle.createQuery(SELECT + " WHERE token_id = :token")
                                .bind("token", token.value())
                                .map((row, context) -> seat(row))
                                .list())
                        .headOption());
    }

    @Override
    public Seq<Seat> assigned() {
        return session.read(
                "the seats",
                handle -> List.ofAll(handle.createQuery(SELECT + " WHERE state = 'ASSIGNED' ORDER BY token_id")
                        .map((row, context) -> seat(row))
                        .list()));
    }

    @Override
    public void save(Seat seat) {
        Objects.requireNonNull(seat, "seat");
        var what = "the seat of " + seat.token().value();
        session.write(what, handle -> {
            var update = seat.version() == 0
                    ? handle.createUpdate("INSERT INTO seats (token_id, account_id, state, machine_id, assigned_at,"
                            + " last_activity_at, released_manually_from, version) VALUES (:token, :account, :state,"
                            + " :machine, :assignedAt, :activeAt, :releasedFrom, 1) ON CONFLICT DO NOTHING")
                    : handle.createUpdate("UPDATE seats SET account_id = :account, state = :state,"
                                    + " machine_id = :machine, assigned_at = :assignedAt,"
                                    + " last_activity_at = :activeAt, released_manually_from = :releasedFrom,"
                                    + " version = version + 1 WHERE token_id = :token AND version = :version")
                            .bind("version", seat.version());
            update.bind("token", seat.token().value())
                    .bind("account", seat.account().value());
            if (seat instanceof AssignedSeat assigned) {
                update.bind("state", "ASSIGNED")
                        .bind("machine", assigned.machine().value())
                        .bind("assignedAt", Columns.micros(assigned.assignedAt()))
                        .bind("activeAt", Columns.micros(assigned.lastActivityAt()))
                        .bind("releasedFrom", (String) null);
            } else {
                var free = (FreeSeat) seat;
                update.bind("state", "FREE")
                        .bind("machine", (String) null)
                        .bind("assignedAt", (Long) null)
                        .bind("activeAt", (Long) null)
                        .bind(
                                "releasedFrom",
                                free.releasedManuallyFrom()
                                        .map(MachineId::value)
                                        .getOrNull());
            }
            if (update.execute() != 1) {
                throw new ConcurrentUpdateException(what);
            }
            return null;
        });
    }

    private static Seat seat(ResultSet row) throws SQLException {
        return seat(row, "");
    }

    /**
     * The seat of this row, from the columns of {@link #SELECT}, each label preceded by {@code
     * prefix} (a joined read's, {@link JdbiVerificationReads}).
     */
    static Seat seat(ResultSet row, String prefix) throws SQLException {
        var token = new TokenId(row.getString(prefix + "token_id"));
        var account = new AccountId(row.getString(prefix + "account_id"));
        long version = row.getLong(prefix + "version");
        if ("ASSIGNED".equals(row.getString(prefix + "state"))) {
            return new AssignedSeat(
                    token,
                    account,
                    new MachineId(row.getString(prefix + "machine_id")),
                    Columns.instant(row, prefix + "assigned_at"),
                    Columns.instant(row, prefix + "last_activity_at"),
                    version);
        }
        return new FreeSeat(
                token,
                account,
                Columns.optionalText(row, prefix + "released_manually_from").map(MachineId::new),
                version);
    }
}
