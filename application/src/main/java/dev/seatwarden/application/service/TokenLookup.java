package dev.seatwarden.application.service;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Either;

/** Finding a token for an account, and its seat. */
final class TokenLookup {

    private TokenLookup() {}

    /** R9: another account's token does not exist for the actor. */
    static Either<Refusal, Token> owned(Tokens tokens, AccountId actor, TokenId id) {
        return tokens.findById(id)
                .filter(token -> token.account().equals(actor))
                .toEither(Refusal.TokenNotFound::new);
    }

    /** Every token has its account; a missing one is broken storage, not a refusal. */
    static Account accountOf(Accounts accounts, Token token) {
        return accounts.findById(token.account()).getOrElseThrow(() -> noAccount(token));
    }

    /** Every token has exactly one seat (R11); a missing one is broken storage, not a refusal. */
    static Seat seatOf(Seats seats, Token token) {
        return seats.findByToken(token.id()).getOrElseThrow(() -> noSeat(token));
    }

    static IllegalStateException noAccount(Token token) {
        return new IllegalStateException("token " + token.id() + " has no account");
    }

    static IllegalStateException noSeat(Token token) {
        return new IllegalStateException("token " + token.id() + " has no seat");
    }
}
