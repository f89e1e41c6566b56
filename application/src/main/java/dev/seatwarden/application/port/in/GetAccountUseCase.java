package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Option;

/** An account as its owner sees it: plan, subscription, integration slots, next allowed release. */
public interface GetAccountUseCase {

    Option<AccountView> getAccount(Query query);

    record Query(AccountId account) {}
}
