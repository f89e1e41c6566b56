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
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The facts of recent read-only verifications, by token (issue 7).
 *
 * <p>Correctness rests on one order. A verification that reads the store takes a {@link Stamp}
 * first, and may {@link #put} what it read only if no change was {@linkplain #invalidate
 * announced} since. A unit of work that changed a token, seat or account announces it after its
 * commit: it moves the epoch on, then removes the entries concerned. A put (its look at the epoch
 * and its entry) and an announcement (the epoch and the removals) exclude each other, through a
 * read-write lock whose shared side the puts take: so facts read before a commit are either refused
 * by the epoch or put before the announcement, which removes them, and a verification that begins
 * after a change's use case has answered never sees the state before it. (Until issue 7's fourth
 * session a put looked at the epoch again after its entry instead, and removed the entry if it had
 * moved: between the two, another thread could be answered from facts older than a revocation
 * that had already answered. A test of real threads saw it on a slow machine.) Lookups take no
 * lock. Entries are never used to write: a verification that must change anything reads the store
 * again in a unit of work.
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

    /** Puts share it; an announcement has it alone (the class's comment). */
    private final ReadWriteLock order = new ReentrantReadWriteLock();

    /** For tests: runs inside a put, after its entry went in. */
    volatile Runnable whilePutting = () -> {};

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

    /**
     * Whether facts were put for this secret's hash (kept longer than the facts themselves): its
     * token verified here without a change before, so a miss is most likely a steady state whose
     * facts expired or were changed, rather than a first use.
     */
    boolean knows(SecretHash hash) {
        return enabled && owners.getIfPresent(hash) != null;
    }

    /** To be taken before the store is read for {@link #put}. */
    Stamp stamp() {
        return new Stamp(epoch.get(), ticker.read());
    }

    /** Keeps {@code facts}, read after {@code stamp} was taken, unless a change was announced since. */
    void put(SecretHash hash, Facts facts, Stamp stamp) {
        if (!enabled) {
            return;
        }
        var putting = order.readLock();
        putting.lock();
        try {
            if (epoch.get() != stamp.epoch()) {
                return;
            }
            var token = facts.token().id();
            owners.put(hash, token);
            entries.put(token, new Entry(facts, stamp.readAt()));
            whilePutting.run();
        } finally {
            putting.unlock();
        }
    }

    /**
     * Announces committed changes to these tokens (or their seats) and accounts; waits for the puts
     * in progress, and removes what they put.
     */
    void invalidate(Collection<TokenId> tokens, Collection<AccountId> accounts) {
        var announcing = order.writeLock();
        announcing.lock();
        try {
            epoch.incrementAndGet();
            entries.invalidateAll(tokens);
            if (!accounts.isEmpty()) {
                entries.asMap()
                        .values()
                        .removeIf(entry ->
                                accounts.contains(entry.facts().account().id()));
            }
        } finally {
            announcing.unlock();
        }
    }
}
