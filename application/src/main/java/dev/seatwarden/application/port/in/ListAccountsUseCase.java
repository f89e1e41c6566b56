package dev.seatwarden.application.port.in;

import io.vavr.collection.Seq;

/** Every account, oldest first (operator). */
public interface ListAccountsUseCase {

    Seq<AccountView> listAccounts();
}
