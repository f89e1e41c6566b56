package dev.seatwarden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.testing.CountingTokens;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: verifications that change nothing are answered from memory; every change this process's
 * use cases make takes effect at once; another process's change within the time to live, and not
 * later.
 */
class VerificationCacheTest {

    private static final LicensingSettings SETTINGS = LicensingSettings.defaults();
    private static final Duration TIME_TO_LIVE = VerificationCaching.defaults().timeToLive();
    private static final String MACHINE = "machine-1";

    /** One shared store, as processes share a database; each node is a process with its own cache. */
    private final MutableClock clock = new MutableClock(TestApplication.START);

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final AtomicInteger units = new AtomicInteger();
    private final Ports storePorts = counting(new InMemoryAdapters().ports(clock));

    private TestApplication node(VerificationCaching caching) {
        return TestApplication.over(
                storePorts, clock, SETTINGS, ports -> UseCases.create(ports, SETTINGS, caching, ticker));
    }

    private final TestApplication node = node(VerificationCaching.defaults());
    private final TestApplication uncached = node(VerificationCaching.off());

    @Test
    void aVerificationThatChangesNothingIsAnsweredFromMemoryWithTheSameAnswer() {
        var token = seatedToken(node);
        int reads = storeReads.get();

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            var fromMemory = node.verify(token, MACHINE);
            assertThat(assignment(fromMemory)).isEqualTo(Assignment.CONTINUING);
            assertThat(fromMemory).isEqualTo(uncached.verify(token, MACHINE));
        }
        // only the uncached node read the store
        assertThat(storeReads.get() - reads).isEqualTo(10);
    }

    @Test
    void aVerificationThatMustWriteReadsTheStoreAndTheNextOneIsReadAgain() {
        var account = node.accountOn(Plan.PRO);
        var token = node.createApiToken(account.id());

        int reads = storeReads.get();
        assertThat(assignment(node.verify(token, MACHINE))).isEqualTo(Assignment.NEW);
        assertThat(storeReads.get() - reads).as("NEW is decided on the store").isEqualTo(1);
        node.verify(token, MACHINE);
        assertThat(storeReads.get() - reads)
                .as("the first read-only verification reads")
                .isEqualTo(2);
        node.verify(token, MACHINE);
        assertThat(storeReads.get() - reads).as("the next one does not").isEqualTo(2);

        // R10: a minute later the use is recorded, on the store
        clock.advance(Duration.ofSeconds(60));
        assertThat(node.verify(token, MACHINE).isRight()).isTrue();
        assertThat(storeReads.get() - reads).isEqualTo(3);
        assertThat(node.token(account.id(), token.token().id()).lastUsedAt()).contains(clock.instant());
    }

    @Test
    void factsAreReadAgainOnceTheTimeToLiveHasPassed() {
        var token = seatedToken(node);
        int reads = storeReads.get();

        ticker.advance(TIME_TO_LIVE.minusNanos(1));
        node.verify(token, MACHINE);
        assertThat(storeReads.get()).isEqualTo(reads);

        ticker.advance(Duration.ofNanos(1));
        node.verify(token, MACHINE);
        assertThat(storeReads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aTokenVerifiedHereBeforeWhoseFactsExpiredIsReadOutsideAUnitOfWork() {
        var token = seatedToken(node);
        ticker.advance(TIME_TO_LIVE);
        int reads = storeReads.get();
        int unitsBefore = units.get();

        var answer = node.verify(token, MACHINE);

        assertThat(assignment(answer)).isEqualTo(Assignment.CONTINUING);
        assertThat(storeReads.get() - reads).as("read once").isEqualTo(1);
        assertThat(units.get() - unitsBefore).as("outside any unit").isZero();
        node.verify(token, MACHINE);
        assertThat(storeReads.get() - reads)
                .as("and what it read is kept for the next")
                .isEqualTo(1);
    }

    @Test
    void aTokenVerifiedHereBeforeThatMustChangeIsDecidedAgainInAUnitOfWork() {
        var token = seatedToken(node);
        var account = owner(token);
        ticker.advance(TIME_TO_LIVE);
        clock.advance(Duration.ofSeconds(60)); // R10: the use is due to be recorded
        int reads = storeReads.get();
        int unitsBefore = units.get();

        assertThat(assignment(node.verify(token, MACHINE))).isEqualTo(Assignment.CONTINUING);

        assertThat(storeReads.get() - reads)
                .as("read outside a unit, then again inside one")
                .isEqualTo(2);
        assertThat(units.get() - unitsBefore).isEqualTo(1);
        assertThat(node.token(account, token.token().id()).lastUsedAt()).contains(clock.instant());
    }

    @Test
    void aFirstUseIsDecidedInAUnitOfWorkWithoutAReadBeforeIt() {
        var token = node.createApiToken(node.accountOn(Plan.PRO).id());
        int reads = storeReads.get();
        int unitsBefore = units.get();

        assertThat(assignment(node.verify(token, MACHINE))).isEqualTo(Assignment.NEW);

        assertThat(storeReads.get() - reads).isEqualTo(1);
        assertThat(units.get() - unitsBefore).isEqualTo(1);
    }

    @Test
    void withCachingOffEveryVerificationReadsTheStore() {
        var token = seatedToken(uncached);
        int reads = storeReads.get();
        for (int i = 0; i < 5; i++) {
            uncached.verify(token, MACHINE);
        }
        assertThat(storeReads.get() - reads).isEqualTo(5);
    }

    @Nested
    class ChangesOnThisNodeTakeEffectAtOnce {

        private TokenWithSecret token;
        private AccountView account;

        private Either<Refusal, VerificationResult> afterWarmCache(Consumer<TestApplication> change, String machine) {
            token = seatedToken(node);
            account = node.account(owner(token));
            int reads = storeReads.get();
            node.verify(token, MACHINE);
            assertThat(storeReads.get())
                    .as("the facts are in memory before the change")
                    .isEqualTo(reads);
            change.accept(node);
            return node.verify(token, machine);
        }

        @Test
        void revocation() {
            var answer =
                    afterWarmCache(app -> app.revoke(account.id(), token.token().id()), MACHINE);
            assertThat(refusal(answer)).isEqualTo(new Refusal.TokenRevoked());
        }

        @Test
        void aLeakReport() {
            var answer = afterWarmCache(app -> app.reportLeaked(token.secret().reveal()), MACHINE);
            assertThat(refusal(answer)).isEqualTo(new Refusal.TokenRevoked());
        }

        @Test
        void rotationWithoutGrace() {
            var rotated = new ArrayList<TokenWithSecret>();
            var old = afterWarmCache(
                    app -> rotated.add(
                            app.rotate(account.id(), token.token().id(), 0).get()),
                    MACHINE);
            assertThat(refusal(old)).isEqualTo(new Refusal.TokenUnknown());
            assertThat(assignment(node.verify(rotated.get(0), MACHINE))).isEqualTo(Assignment.CONTINUING);
        }

        @Test
        void aManualReleaseThenTheSameMachine() {
            var answer = afterWarmCache(
                    app -> app.release(account.id(), token.token().id()), MACHINE);
            assertThat(assignment(answer)).isEqualTo(Assignment.REACTIVATED);
        }

        @Test
        void aManualReleaseThenAnotherMachine() {
            var answer = afterWarmCache(
                    app -> app.release(account.id(), token.token().id()), "machine-2");
            assertThat(assignment(answer)).isEqualTo(Assignment.NEW);
        }

        @Test
        void anOperatorReleaseThenTheSameMachine() {
            // R22: an operator's release is not a manual one, so no re-activation (R15): NEW
            var answer =
                    afterWarmCache(app -> app.releaseAsOperator(token.token().id(), "moved to a new laptop"), MACHINE);
            assertThat(assignment(answer)).isEqualTo(Assignment.NEW);
        }

        @Test
        void rotationWithGraceUntilTheGraceEnds() {
            var rotated = new ArrayList<TokenWithSecret>();
            var old = afterWarmCache(
                    app -> rotated.add(
                            app.rotate(owner(token), token.token().id(), 60).get()),
                    MACHINE);
            assertThat(assignment(old)).as("the old secret in grace").isEqualTo(Assignment.CONTINUING);
            assertThat(assignment(node.verify(rotated.get(0), MACHINE))).isEqualTo(Assignment.CONTINUING);
            int reads = storeReads.get();
            assertThat(assignment(node.verify(token, MACHINE))).isEqualTo(Assignment.CONTINUING);
            assertThat(storeReads.get())
                    .as("the old secret's facts are in memory again")
                    .isEqualTo(reads);
            clock.advance(Duration.ofMinutes(60));
            assertThat(refusal(node.verify(token, MACHINE))).isEqualTo(new Refusal.TokenUnknown());
        }

        @Test
        void aLapsedSubscription() {
            var answer = afterWarmCache(app -> app.lapse(account), MACHINE);
            assertThat(refusal(answer)).isEqualTo(new Refusal.SubscriptionInactive());
        }

        @Test
        void aLowerPlan() {
            var answer = afterWarmCache(app -> app.changePlan(account, Plan.STARTER), MACHINE);
            assertThat(refusal(answer)).isEqualTo(new Refusal.PlanNotEligible());
        }

        @Test
        void anotherMachineIsRefusedWithoutAnyChange() {
            var answer = afterWarmCache(app -> {}, "machine-2");
            assertThat(answer.isLeft()).isTrue();
            assertThat(answer.getLeft()).isInstanceOf(Refusal.SeatAssignedToOtherMachine.class);
            // R17: the refusal is recorded, so it was decided on the store
            assertThat(node.auditEvents(account.id()).get(0).type().name()).isEqualTo("VERIFICATION_REFUSED");
        }

        @Test
        void expiryAndInactivityNeedNoChangeToBeSeen() {
            var expiring = node.createExpiringToken(
                    node.accountOn(Plan.PRO).id(),
                    TokenKind.API,
                    clock.instant().plus(Duration.ofHours(1)));
            assertThat(node.verify(expiring, MACHINE).isRight()).isTrue();
            assertThat(node.verify(expiring, MACHINE).isRight()).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(refusal(node.verify(expiring, MACHINE))).isEqualTo(new Refusal.TokenExpired());

            // R13: fourteen days later another machine takes the seat the cached facts show assigned
            var seated = seatedToken(node);
            node.verify(seated, MACHINE);
            clock.advance(SETTINGS.inactivityPeriod());
            assertThat(assignment(node.verify(seated, "machine-2"))).isEqualTo(Assignment.NEW);
        }
    }

    @Nested
    class ChangesByAnotherProcess {

        private final TestApplication other = node(VerificationCaching.defaults());

        @Test
        void aRevocationOnAnotherNodeTakesEffectWithinTheTimeToLive() {
            var token = seatedToken(node);
            other.revoke(owner(token), token.token().id());

            // the bound this cache documents: until the time to live has passed, facts are reused
            ticker.advance(TIME_TO_LIVE.minusNanos(1));
            assertThat(node.verify(token, MACHINE).isRight()).isTrue();
            ticker.advance(Duration.ofNanos(1));
            assertThat(refusal(node.verify(token, MACHINE))).isEqualTo(new Refusal.TokenRevoked());
            assertThat(refusal(other.verify(token, MACHINE))).isEqualTo(new Refusal.TokenRevoked());
        }

        @Test
        void aPlanChangeByTheOperatorsCommandTakesEffectWithinTheTimeToLive() {
            var token = seatedToken(node);
            other.changePlan(other.account(owner(token)), Plan.STARTER);

            ticker.advance(TIME_TO_LIVE);
            assertThat(refusal(node.verify(token, MACHINE))).isEqualTo(new Refusal.PlanNotEligible());
        }
    }

    @Nested
    class TheOrderThatKeepsItCorrect {

        private final VerificationCache cache = new VerificationCache(VerificationCaching.defaults(), ticker);

        private VerificationCache.Facts factsOf(TokenWithSecret token) {
            var stored = storePorts.tokens().findById(token.token().id()).get();
            return new VerificationCache.Facts(
                    stored,
                    storePorts.accounts().findById(stored.account()).get(),
                    storePorts.seats().findByToken(stored.id()).get());
        }

        private SecretHash hashOf(TokenWithSecret token) {
            return storePorts.secretHasher().hash(token.secret());
        }

        @Test
        void factsPutWithoutAChangeAreFound() {
            var token = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            var stamp = cache.stamp();
            cache.put(hashOf(token), factsOf(token), stamp);
            assertThat(cache.find(hashOf(token))).contains(factsOf(token));
        }

        @Test
        void factsReadBeforeAnAnnouncedChangeAreNotKept() {
            var token = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            var other = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            var stamp = cache.stamp();
            // any change, even to another token, since the stamp: the read may predate it
            cache.invalidate(List.of(other.token().id()), List.of());
            cache.put(hashOf(token), factsOf(token), stamp);
            assertThat(cache.find(hashOf(token))).isEmpty();
        }

        @Test
        void aChangeAnnouncedWhileTheFactsArePutWaitsForThePutThenRemovesThem() throws Exception {
            var token = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            var stamp = cache.stamp();
            var inPut = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            // the put stops once its entry is in, until released
            cache.whilePutting = () -> {
                inPut.countDown();
                awaitQuietly(release);
            };
            var putter = new Thread(() -> cache.put(hashOf(token), factsOf(token), stamp));
            putter.start();
            inPut.await();
            var announcer =
                    new Thread(() -> cache.invalidate(List.of(token.token().id()), List.of()));
            announcer.start();

            // the announcement waits for the put in progress
            announcer.join(200);
            assertThat(announcer.isAlive())
                    .as("the announcement waits for the put")
                    .isTrue();

            release.countDown();
            putter.join();
            announcer.join();
            assertThat(cache.find(hashOf(token))).isEmpty();
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Test
        void aChangeAnnouncedAfterThePutRemovesTheFacts() {
            var token = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            cache.put(hashOf(token), factsOf(token), cache.stamp());
            cache.invalidate(List.of(token.token().id()), List.of());
            assertThat(cache.find(hashOf(token))).isEmpty();
        }

        @Test
        void anAccountChangeRemovesTheFactsOfEveryTokenOfTheAccountOnly() {
            var account = uncached.accountOn(Plan.ENTERPRISE).id();
            var first = uncached.createApiToken(account);
            var second = uncached.createApiToken(account);
            var elsewhere = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            for (var token : List.of(first, second, elsewhere)) {
                cache.put(hashOf(token), factsOf(token), cache.stamp());
            }
            cache.invalidate(List.of(), List.of(account));
            assertThat(cache.find(hashOf(first))).isEmpty();
            assertThat(cache.find(hashOf(second))).isEmpty();
            assertThat(cache.find(hashOf(elsewhere))).isNotEmpty();
        }

        @Test
        void theTimeToLiveCountsFromTheReadNotFromThePut() {
            var token = uncached.createApiToken(uncached.accountOn(Plan.PRO).id());
            var stamp = cache.stamp();
            ticker.advance(TIME_TO_LIVE.minusSeconds(1)); // a slow read
            cache.put(hashOf(token), factsOf(token), stamp);
            assertThat(cache.find(hashOf(token))).isNotEmpty();
            ticker.advance(Duration.ofSeconds(1));
            assertThat(cache.find(hashOf(token))).isEmpty();
        }
    }

    /**
     * The order under real threads: once a revocation's use case has answered, no verification that
     * begins after it succeeds, while other threads keep the facts in memory warm.
     */
    @Test
    void noVerificationThatBeginsAfterARevocationAnsweredSucceeds() throws InterruptedException {
        // facts kept for a millisecond only: the threads keep reading the store and putting what
        // they read, right around the revocation, which is where the order matters
        var caching = new VerificationCaching(Duration.ofMillis(1), 1_000);
        var realTime =
                TestApplication.over(storePorts, clock, SETTINGS, ports -> UseCases.create(ports, SETTINGS, caching));
        for (int round = 0; round < 50; round++) {
            var token = seatedToken(realTime);
            var revoked = new AtomicBoolean();
            var violations = new AtomicInteger();
            var stop = new AtomicBoolean();
            var started = new CountDownLatch(2);
            var verifiers = new ArrayList<Thread>();
            for (int t = 0; t < 2; t++) {
                var thread = new Thread(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        boolean revokedBefore = revoked.get();
                        var answer = realTime.verify(token, MACHINE);
                        if (revokedBefore && answer.isRight()) {
                            violations.incrementAndGet();
                        }
                    }
                });
                thread.start();
                verifiers.add(thread);
            }
            started.await();
            Thread.sleep(5);
            assertThat(realTime.revoke(owner(token), token.token().id()).isRight())
                    .isTrue();
            revoked.set(true);
            Thread.sleep(5);
            stop.set(true);
            for (var thread : verifiers) {
                thread.join();
            }
            assertThat(violations).as("round " + round).hasValue(0);
            assertThat(refusal(realTime.verify(token, MACHINE))).isEqualTo(new Refusal.TokenRevoked());
        }
    }

    @Test
    void theTimeToLiveIsBoundedByTheSpecsFiveSeconds() {
        assertThatThrownBy(() -> new VerificationCaching(Duration.ofSeconds(5).plusNanos(1), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 5 seconds");
        assertThatThrownBy(() -> new VerificationCaching(Duration.ofSeconds(-1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationCaching(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new VerificationCaching(Duration.ofSeconds(5), 1).enabled()).isTrue();
        assertThat(VerificationCaching.off().enabled()).isFalse();
        assertThat(new VerificationCaching(Duration.ofSeconds(1), 0).enabled()).isFalse();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A PRO account's API token, its seat taken by {@link #MACHINE}, then verified once read-only. */
    private TokenWithSecret seatedToken(TestApplication app) {
        var token = app.createApiToken(app.accountOn(Plan.PRO).id());
        assertThat(assignment(app.verify(token, MACHINE))).isEqualTo(Assignment.NEW);
        assertThat(assignment(app.verify(token, MACHINE))).isEqualTo(Assignment.CONTINUING);
        return token;
    }

    /** The account that owns {@code token}, as stored. */
    private AccountId owner(TokenWithSecret token) {
        return storePorts.tokens().findById(token.token().id()).get().account();
    }

    private static Assignment assignment(Either<Refusal, VerificationResult> answer) {
        assertThat(answer.swap().getOrNull()).as("refusal").isNull();
        return answer.get().assignment();
    }

    private static Refusal refusal(Either<Refusal, VerificationResult> answer) {
        assertThat(answer.getOrNull()).as("success").isNull();
        return answer.getLeft();
    }

    /** {@code ports} counting the verifications' reads of the store (a token by its secret's hash). */
    private Ports counting(Ports ports) {
        var countingTokens = new CountingTokens(ports.tokens(), new AtomicInteger(), storeReads);
        var store = ports.transactions();
        var countingTransactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                units.incrementAndGet();
                return store.inTransaction(work);
            }
        };
        return new Ports(
                ports.accounts(),
                countingTokens,
                ports.seats(),
                ports.auditLog(),
                countingTransactions,
                ports.secretGenerator(),
                ports.secretHasher(),
                ports.idGenerator(),
                ports.clock());
    }

    /** Time for the cache alone, moved by the test. */
    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration step) {
            nanos.addAndGet(step.toNanos());
        }
    }
}
