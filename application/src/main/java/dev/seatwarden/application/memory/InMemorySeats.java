package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** {@link Seats} in memory; thread-safe. */
public final class InMemorySeats implements Seats, Snapshotting {

    private final Table<TokenId, Seat> table = new Table<>("seat", Seat::token, Seat::version, Seat::withVersion);

    @Override
    public Option<Seat> findByToken(TokenId token) {
        return table.get(token);
    }

    @Override
    public Seq<Seat> assigned() {
        return table.rows()
                .values()
                .filter(seat -> seat instanceof AssignedSeat)
                .toList();
    }

    @Override
    public void save(Seat seat) {
        table.save(seat);
    }

    @Override
    public Object snapshot() {
        return table.snapshot();
    }

    @Override
    public void restore(Object snapshot) {
        table.restore(snapshot);
    }
}
