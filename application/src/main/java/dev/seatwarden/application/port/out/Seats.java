package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** Where seats are kept: exactly one per token (R11). */
public interface Seats {

    Option<Seat> findByToken(TokenId token);

    /** The seats stored as assigned, for the inactivity sweep (R13, R20). */
    Seq<Seat> assigned();

    /**
     * Stores a new seat (version 0) or a change to one read at {@code seat.version()}.
     *
     * @throws ConcurrentUpdateException if it changed since, or its token already has one
     */
    void save(Seat seat);
}
