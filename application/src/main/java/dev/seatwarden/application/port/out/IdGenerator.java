package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.TokenId;

/** Makes new, unguessable ids. */
public interface IdGenerator {
    AccountId newAccountId();

    TokenId newTokenId();
}
