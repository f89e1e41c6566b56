package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Option;

/** Where accounts' password hashes are kept, apart from the account aggregate. */
public interface Passwords {

    /** The account's password hash; none if it has no password (it cannot sign in). */
    Option<PasswordHash> find(AccountId account);

    /** Sets or replaces the account's password hash. The account must exist. */
    void save(AccountId account, PasswordHash hash);
}
