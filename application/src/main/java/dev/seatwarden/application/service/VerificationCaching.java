package dev.seatwarden.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How verifications reuse what they read (issue 7): a token, its account and its seat, read for a
 * verification that changed nothing, answer the same token's next verifications from memory for
 * a short while. Every change that this process's use cases make to a token, seat or account
 * takes effect at once; a change made by another process sharing the store (an operator's command,
 * another server) takes effect within {@code timeToLive}.
 *
 * @param timeToLive how long facts read from the store are reused, counted from the moment the read
 *     began; the bound for other processes' changes. {@link Duration#ZERO} turns caching off.
 *     At most {@link #MAX_TIME_TO_LIVE} (rest-api.md: other processes' changes take effect within
 *     5 seconds).
 * @param maximumTokens how many tokens' facts are kept at most; the least useful go first
 */
public record VerificationCaching(Duration timeToLive, long maximumTokens) {

    /** rest-api.md: "changes that another process makes ... take effect within 5 seconds". */
    public static final Duration MAX_TIME_TO_LIVE = Duration.ofSeconds(5);

    public VerificationCaching {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
            throw new IllegalArgumentException("the time to live is 0 to " + MAX_TIME_TO_LIVE.toSeconds() + " seconds");
        }
        if (maximumTokens < 0 || maximumTokens > MAX_TOKENS) {
            throw new IllegalArgumentException("the maximum number of tokens is 0 to " + MAX_TOKENS);
        }
    }

    /** The most tokens a cache may be asked to hold. */
    public static final long MAX_TOKENS = 100_000_000L;

    /**
     * Two seconds, at most 10 000 tokens: about 1.2 KB each, so about 12 MB at most (measured:
     * docs/benchmarks.md, the cache's footprint), well within the 128 MiB heap that operations.md
     * suggests; more tokens in use than that only means more reads.
     */
    public static VerificationCaching defaults() {
        return new VerificationCaching(Duration.ofSeconds(2), 10_000);
    }

    /** Every verification reads the store. */
    public static VerificationCaching off() {
        return new VerificationCaching(Duration.ZERO, 0);
    }

    boolean enabled() {
        return !timeToLive.isZero() && maximumTokens > 0;
    }
}
