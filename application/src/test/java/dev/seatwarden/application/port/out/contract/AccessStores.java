package dev.seatwarden.application.port.out.contract;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.SignInFailures;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.domain.account.Account;
import java.util.Objects;

/**
 * The sign-in stores under test, as one adapter family makes them: fresh and empty for each test,
 * beside the accounts their rows belong to, all sharing one transaction boundary.
 */
public record AccessStores(
        Accounts accounts,
        Passwords passwords,
        Sessions sessions,
        SignInFailures signInFailures,
        Transactions transactions) {
    public AccessStores {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(signInFailures, "signInFailures");
        Objects.requireNonNull(transactions, "transactions");
    }

    /** Stores a new account {@code acc_<name>} (passwords and sessions belong to one) and answers it. */
    public Account givenAccount(String name) {
        var account = ContractFixtures.newAccount(name);
        accounts.save(account);
        return ContractFixtures.savedOnce(account);
    }
}
