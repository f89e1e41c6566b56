package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Comparator;

/** {@link Accounts} in memory; thread-safe. */
public final class InMemoryAccounts implements Accounts, Snapshotting {

    /** Oldest first; accounts created at the same moment by id, so that the order is stable. */
    private static final Comparator<Account> OLDEST_FIRST = Comparator.comparing(Account::createdAt)
            .thenComparing(account -> account.id().value());

    private final Table<AccountId, Account> table =
            new Table<>("account", Account::id, Account::version, Account::withVersion);

    @Override
    public Option<Account> findById(AccountId id) {
        return table.get(id);
    }

    @Override
    public Option<Account> findByEmail(Email email) {
        return table.rows().values().find(account -> account.email().sameAs(email));
    }

    @Override
    public Seq<Account> all() {
        return table.rows().values().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized void save(Account account) {
        if (account.version() == 0 && findByEmail(account.email()).isDefined()) {
            throw new ConcurrentUpdateException("account e-mail");
        }
        table.save(account);
    }

    @Override
    public Object snapshot() {
        return table.snapshot();
    }

    @Override
    public void restore(Object snapshot) {
        table.restore(snapshot);
    }
}
