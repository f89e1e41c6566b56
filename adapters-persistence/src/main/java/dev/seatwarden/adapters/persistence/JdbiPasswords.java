package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.control.Option;
import java.util.Objects;

/** {@link Passwords} in the {@code account_passwords} table: one PHC string per account. */
final class JdbiPasswords implements Passwords {

    private final Session session;

    JdbiPasswords(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Option<PasswordHash> find(AccountId account) {
        Objects.requireNonNull(account, "account");
        return session.read(
                "the account's password",
                handle -> Option.ofOptional(
                        handle.createQuery("SELECT hash FROM account_passwords WHERE account_id = :account")
                                .bind("account", account.value())
                                .mapTo(String.class)
                                .findOne()
                                .map(PasswordHash::new)));
    }

    @Override
    public void save(AccountId account, PasswordHash hash) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(hash, "hash");
        session.write("the account's password", handle -> {
            handle.createUpdate("""
                            INSERT INTO account_passwords (account_id, hash) VALUES (:account, :hash)
                            ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash
                            """)
                    .bind("account", account.value())
                    .bind("hash", hash.encoded())
                    .execute();
            return null;
        });
    }
}
