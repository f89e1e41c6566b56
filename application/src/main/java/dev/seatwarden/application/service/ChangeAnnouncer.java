package dev.seatwarden.application.service;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The out-ports as the use cases see them when verifications are cached: every token, seat or
 * account saved is announced to the {@link VerificationCache} once the outermost unit of work on
 * this thread has ended (committed, or rolled back: announcing a change that did not happen costs
 * only a read). So no use case can forget to invalidate what it changed.
 *
 * <p>A unit's work may run on another thread than the one that asked for the unit (SQLite's
 * writer runs the units waiting for it on one thread): what it saves is recorded for the thread
 * that asked, which announces it when its unit has ended, before it answers.
 */
final class ChangeAnnouncer {

    private final VerificationCache cache;
    private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

    /** The changes of the unit whose work runs on this thread now, if one does. */
    private final ThreadLocal<Pending> running = new ThreadLocal<>();

    ChangeAnnouncer(VerificationCache cache) {
        this.cache = cache;
    }

    /** {@code ports} with its accounts, tokens, seats and transactions announcing their changes. */
    Ports watch(Ports ports) {
        return new Ports(
                new WatchedAccounts(ports.accounts()),
                new WatchedTokens(ports.tokens()),
                new WatchedSeats(ports.seats()),
                ports.auditLog(),
                new WatchedTransactions(ports.transactions()),
                ports.secretGenerator(),
                ports.secretHasher(),
                ports.idGenerator(),
                ports.clock(),
                ports.verificationReads());
    }

    /** What the units of work asked for by one thread have saved and not yet announced. */
    private static final class Pending {
        int depth;
        final Set<TokenId> tokens = new HashSet<>();
        final Set<AccountId> accounts = new HashSet<>();
    }

    /** The changes of the unit running on this thread, else this thread's own (outside any unit). */
    private Pending changes() {
        var changes = running.get();
        return changes != null ? changes : pending.get();
    }

    private void saved(TokenId token) {
        var changes = changes();
        changes.tokens.add(token);
        announceIfOutside(changes);
    }

    private void saved(AccountId account) {
        var changes = changes();
        changes.accounts.add(account);
        announceIfOutside(changes);
    }

    private void announceIfOutside(Pending changes) {
        if (changes.depth == 0) {
            announce(changes);
        }
    }

    private void announce(Pending changes) {
        if (changes.tokens.isEmpty() && changes.accounts.isEmpty()) {
            return;
        }
        var tokens = List.copyOf(changes.tokens);
        var accounts = List.copyOf(changes.accounts);
        changes.tokens.clear();
        changes.accounts.clear();
        cache.invalidate(tokens, accounts);
    }

    private final class WatchedTransactions implements Transactions {
        private final Transactions delegate;

        WatchedTransactions(Transactions delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            var changes = changes();
            changes.depth++;
            try {
                return delegate.inTransaction(() -> {
                    var outer = running.get();
                    running.set(changes);
                    try {
                        return work.get();
                    } finally {
                        if (outer == null) {
                            running.remove();
                        } else {
                            running.set(outer);
                        }
                    }
                });
            } finally {
                changes.depth--;
                announceIfOutside(changes);
            }
        }
    }

    private final class WatchedAccounts implements Accounts {
        private final Accounts delegate;

        WatchedAccounts(Accounts delegate) {
            this.delegate = delegate;
        }

        @Override
        public Option<Account> findById(AccountId id) {
            return delegate.findById(id);
        }

        @Override
        public Option<Account> findByEmail(Email email) {
            return delegate.findByEmail(email);
        }

        @Override
        public Seq<Account> all() {
            return delegate.all();
        }

        @Override
        public void save(Account account) {
            delegate.save(account);
            saved(account.id());
        }
    }

    private final class WatchedTokens implements Tokens {
        private final Tokens delegate;

        WatchedTokens(Tokens delegate) {
            this.delegate = delegate;
        }

        @Override
        public Option<Token> findById(TokenId id) {
            return delegate.findById(id);
        }

        @Override
        public Option<Token> findBySecretHash(SecretHash hash) {
            return delegate.findBySecretHash(hash);
        }

        @Override
        public Seq<Token> ofAccount(AccountId account) {
            return delegate.ofAccount(account);
        }

        @Override
        public void save(Token token) {
            delegate.save(token);
            saved(token.id());
        }
    }

    private final class WatchedSeats implements Seats {
        private final Seats delegate;

        WatchedSeats(Seats delegate) {
            this.delegate = delegate;
        }

        @Override
        public Option<Seat> findByToken(TokenId token) {
            return delegate.findByToken(token);
        }

        @Override
        public Seq<Seat> assigned() {
            return delegate.assigned();
        }

        @Override
        public void save(Seat seat) {
            delegate.save(seat);
            saved(seat.token());
        }
    }
}
