package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** Where accounts are kept. */
public interface Accounts {

    Option<Account> findById(AccountId id);

    /** The account with this e-mail address, compared without regard to case. */
    Option<Account> findByEmail(Email email);

    /** Every account, oldest first. */
    Seq<Account> all();

    /**
     * Stores a new account (version 0) or a change to one read at {@code account.version()}.
     *
     * @throws ConcurrentUpdateException if it changed since, or a new one's id or e-mail is taken
     */
    void save(Account account);
}
