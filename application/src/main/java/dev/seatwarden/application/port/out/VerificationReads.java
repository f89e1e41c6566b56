package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a verification reads first (R12): the token a secret's hash belongs to, with its account
 * and its seat. A store that can read the three at once implements it so (the SQLite and
 * PostgreSQL adapters: one statement instead of three, so two round trips fewer in every seat
 * claim, issue 7); {@link #through} reads them from the three stores, one after the other, and is
 * what {@link Ports} uses when it is given none.
 *
 * <p>A verification may answer from a read made outside any unit of work: such a read must see
 * only committed state and, where the store promises durable commits, only what is on disk (the
 * SQLite adapter waits for the force of the commits it may have seen). A {@code Ports} given this
 * port reads through it, not through the {@code Tokens}, {@code Accounts} and {@code Seats} it is
 * given beside it: wrap both alike.
 */
@FunctionalInterface
public interface VerificationReads {

    /**
     * The token {@link Tokens#findBySecretHash} finds for this hash, with the account {@link
     * Accounts#findById} and the seat {@link Seats#findByToken} find for it; none when no token has
     * the hash.
     */
    Option<Found> findBySecretHash(SecretHash hash);

    /**
     * A token and what belongs to it. The account and the seat are options only because a store
     * may be broken; every token has both (R11).
     */
    record Found(Token token, Option<Account> account, Option<Seat> seat) {
        public Found {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(seat, "seat");
        }
    }

    /** The three reads, one after the other, from these stores. */
    static VerificationReads through(Tokens tokens, Accounts accounts, Seats seats) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(seats, "seats");
        return hash -> tokens.findBySecretHash(hash)
                .map(token -> new Found(token, accounts.findById(token.account()), seats.findByToken(token.id())));
    }
}
