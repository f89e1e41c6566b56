package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/** {@link Passwords} in memory; thread-safe. */
public final class InMemoryPasswords implements Passwords, Snapshotting {

    private volatile Map<AccountId, PasswordHash> hashes = HashMap.empty();

    @Override
    public Option<PasswordHash> find(AccountId account) {
        return hashes.get(account);
    }

    @Override
    public synchronized void save(AccountId account, PasswordHash hash) {
        hashes = hashes.put(account, hash);
    }

    @Override
    public Object snapshot() {
        return hashes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        hashes = (Map<AccountId, PasswordHash>) snapshot;
    }
}
