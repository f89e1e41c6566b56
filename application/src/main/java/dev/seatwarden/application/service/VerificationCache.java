package dev.seatwarden.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facts of recent read-only verifications, by token (issue 7).
 *
 * <p>Correctness rests on one order. A verification that reads the store takes a {@link Stamp}
 * first, and may {@link #put} what it read only if no change was {@linkplain #invalidate
 * announced} since. A unit of work that changed a token, seat or account announces it after its
 * commit: it moves the epoch on, then removes the entries concerned. So facts read before a commit
 * are either refused by the epoch or removed after they were put, and a verification that begins
 * after a change's use case has answered never sees the state before it. Entries are never used to
 * write: a verification that must change anything reads the store again in a unit of work.
 */
final class VerificationCache {

    /** What a verification needs: the token, its account and its seat, as read together. */
    record Facts(Token token, Account account, Seat seat) {}

    /** Taken before reading the store. */
    record Stamp(long epoch, long readAt) {}

    private record Entry(Facts facts, long readAt) {}

    private final boolean enabled;
    private final Ticker ticker;
    private final Cache<TokenId, Entry> entries;
    private final Cache<SecretHash, TokenId> owners;
    private final AtomicLong epoch = new AtomicLong();

    /** For tests: runs between putting an entry and checking the epoch again. */
    volatile Runnable beforeRecheck = () -> {};

    VerificationCache(VerificationCaching settings, Ticker ticker) {
        this.enabled = settings.enabled();
        this.ticker = ticker;
        long timeToLive = settings.timeToLive().toNanos();
        // upkeep (draining the read buffers, expiry) runs on the calling thread, in small steps:
        // handing it to the common pool cost more than doing it (a twentieth of a verification)
        this.entries = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(ticker)
                .maximumSize(settings.maximumTokens())
                .expireAfter(new Expiry<TokenId, Entry>() {
                    @Override
                    public long expireAfterCreate(TokenId key, Entry entry, long now) {
                        return Math.max(0, timeToLive - (now - entry.readAt()));
                    }

                    @Override
                    public long expireAfterUpdate(TokenId key, Entry entry, long now, long remaining) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(TokenId key, Entry entry, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
        // A secret's hash belongs to one token for good: nothing to invalidate or expire, only a
        // bound (a token has at most two hashes, its secret's and, in grace, the previous one's)
        this.owners = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(settings.maximumTokens() * 2)
                .build();
    }

    /** The facts last read for the token of this secret's hash, if read within the time to live. */
    Option<Facts> find(SecretHash hash) {
        if (!enabled) {
            return Option.none();
        }
        var token = owners.getIfPresent(hash);
        var entry = token == null ? null : entries.getIfPresent(token);
        return entry == null ? Option.none() : Option.some(entry.facts());
    }

    /** To be taken before the store is read for {@link #put}. */
    Stamp stamp() {
        return new Stamp(epoch.get(), ticker.read());
    }

    /** Keeps {@code facts}, read after {@code stamp} was taken, unless a change was announced since. */
    void put(SecretHash hash, Facts facts, Stamp stamp) {
        if (!enabled || epoch.get() != stamp.epoch()) {
            return;
        }
        var token = facts.token().id();
        owners.put(hash, token);
        var entry = new Entry(facts, stamp.readAt());
        entries.put(token, entry);
        beforeRecheck.run();
        if (epoch.get() != stamp.epoch()) {
            // a change was announced while this was being put: it may have missed the entry
            entries.asMap().remove(token, entry);
        }
    }

    /** Announces committed changes to these tokens (or their seats) and accounts. */
    void invalidate(Collection<TokenId> tokens, Collection<AccountId> accounts) {
        epoch.incrementAndGet();
        entries.invalidateAll(tokens);
        if (!accounts.isEmpty()) {
            entries.asMap()
                    .values()
                    .removeIf(entry -> accounts.contains(entry.facts().account().id()));
        }
    }
}
