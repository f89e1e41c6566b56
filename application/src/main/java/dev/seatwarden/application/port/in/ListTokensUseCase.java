package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** The acting account's tokens, newest first (ties: id descending), of one kind or all (R9). */
public interface ListTokensUseCase {

    Seq<TokenView> listTokens(Query query);

    record Query(AccountId actor, Option<TokenKind> kind) {
        public Query {
            // An adapter that passes null for an optional value means "none".
            kind = kind == null ? Option.none() : kind;
        }
    }
}
