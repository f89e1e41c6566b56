package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R16 (and R7, R14 under races) on a real database shared by two server processes: two {@link
 * Database} instances, each with its own connection pool and its own application, opened on one
 * database. {@value #THREADS} threads, alternating between the two, start each race together;
 * every scenario is repeated many rounds, each round on fresh data. No answer may be an exception:
 * a conflict the unit of work cannot absorb (it gives up after 50) fails the test with its cause.
 *
 * <p>Each test prints one summary line: engine, rounds, threads, time, and how many units of work
 * the engine made retry (a {@link ConcurrentUpdateException} out of {@link
 * Transactions#inTransaction}, counted by a decorator on the application's transactions).
 */
abstract class RaceScenarios {

    /** Overrides every engine's default number of rounds, e.g. {@code -Dseatwarden.race.rounds=100}. */
    static final String ROUNDS_PROPERTY = "seatwarden.race.rounds";

    static final int THREADS = 40;

    private static final Duration DAY = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(TestApplication.START);
    private final AtomicInteger accountsMade = new AtomicInteger();
    private Server first;
    private Server second;
    private ExecutorService racers;

    /** The engine's name, for the summary line. */
    protected abstract String engine();

    /** Rounds per scenario when {@value #ROUNDS_PROPERTY} is not set. */
    protected abstract int defaultRounds();

    /** Makes a new, empty database for one test and answers how to reach it. */
    protected abstract DatabaseSettings newDatabase();

    /** Removes what {@link #newDatabase()} made, once both pools are closed. */
    protected void dropDatabase() {}

    @BeforeEach
    void startTwoServers() {
        var settings = newDatabase();
        first = new Server("A", Database.open(settings), clock);
        second = new Server("B", Database.open(settings), clock);
        racers = Executors.newFixedThreadPool(THREADS);
        // the second process finds the schema the first one migrated
        assertThat(second.database.migrationsApplied()).isZero();
    }

    @AfterEach
    void stopTwoServers() {
        if (racers != null) {
            racers.shutdownNow();
        }
        try {
            if (first != null) {
                first.database.close();
            }
            if (second != null) {
                second.database.close();
            }
        } finally {
            dropDatabase();
        }
    }

    // ---- R16: one free seat, many machines ------------------------------------------------------

    @Test
    void R16_forty_machines_verifying_one_free_seat_through_two_pools_leave_exactly_one_winner() throws Exception {
        int rounds = rounds();
        var race = new RaceFigures();
        var winsOf = new int[2];
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            // Given a new API token, never used: its seat is FREE
            var owner = newAccount(first, Plan.PRO);
            var token = createToken(first.useCases, owner.id(), TokenKind.API, "seat token");
            var tokenId = token.token().id();
            var secret = token.secret().reveal();
            String prefix = "machine-" + round + "-";

            // When 40 machines verify it at once, half through each server
            var answers = race.run(
                    this,
                    i -> server(i)
                            .useCases
                            .verifyToken()
                            .verify(new VerifyTokenUseCase.Command(
                                    TokenKind.API,
                                    Option.of(secret),
                                    Option.of(prefix + i),
                                    Option.some("203.0.113." + (i + 1)),
                                    Option.some("seatwarden-race/1.0"))));

            // Then exactly one machine gets the seat; every other one is told it is taken
            var winners = answers.filter(Either::isRight).map(Either::get);
            assertThat(winners).as("round %d: winners", round).hasSize(1);
            VerificationResult winner = winners.head();
            assertThat(winner.assignment()).isEqualTo(Assignment.NEW);
            assertThat(winner.tokenId()).isEqualTo(tokenId);
            winsOf[answers.indexWhere(Either::isRight) % 2]++;
            var refusals = answers.filter(Either::isLeft).map(Either::getLeft);
            assertThat(refusals)
                    .as("round %d: refusals", round)
                    .hasSize(THREADS - 1)
                    .containsOnly(new Refusal.SeatAssignedToOtherMachine(winner.autoReleaseAt()));
            assertThat(refusals.map(Refusal::code).distinct()).containsExactly("SEAT_ASSIGNED_TO_OTHER_MACHINE");

            // And both servers read the seat as assigned to the winner
            for (var server : List.of(first, second)) {
                var seat = server.database.seats().findByToken(tokenId);
                assertThat(seat)
                        .as("round %d: the seat as server %s reads it", round, server.name)
                        .hasSize(1);
                assertThat(seat.get()).isInstanceOf(AssignedSeat.class);
                assertThat(((AssignedSeat) seat.get()).machine()).isEqualTo(winner.machine());
            }

            // And the audit log holds one assignment, to the winner, and each refusal once
            var events = eventsOf(owner.id()).filter(e -> e.token().contains(tokenId));
            var assigned = events.filter(e -> e.type() == EventType.SEAT_ASSIGNED);
            assertThat(assigned).as("round %d: SEAT_ASSIGNED events", round).hasSize(1);
            assertThat(assigned.head().machine()).contains(winner.machine());
            var refused = events.filter(e -> e.type() == EventType.VERIFICATION_REFUSED);
            assertThat(refused).hasSize(THREADS - 1);
            assertThat(refused.flatMap(DomainEvent::detail).distinct())
                    .containsExactly("SEAT_ASSIGNED_TO_OTHER_MACHINE");
            assertThat(HashSet.ofAll(refused.flatMap(DomainEvent::machine)).add(winner.machine()))
                    .as("round %d: every machine is answered once", round)
                    .hasSize(THREADS);
        }
        race.print(
                this,
                "one FREE seat, 40 machines verify",
                rounds,
                started,
                "wins through A/B=" + winsOf[0] + "/" + winsOf[1]);
    }

    // ---- R14 under R16: manual releases across one account's seats ----------------------------

    @Test
    void R16_forty_concurrent_manual_releases_across_one_accounts_seats_never_exceed_the_window() throws Exception {
        int rounds = rounds();
        var race = new RaceFigures();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            // Given an account allowed 1 manual release a day (the default; odd rounds: 3), whose 40
            // tokens each hold a seat assigned to a machine of its own
            int limit = round % 2 == 0 ? 1 : 3;
            var settings = LicensingSettings.defaults().withManualReleaseLimit(limit);
            var useCasesOf = new UseCases[] {first.useCases(settings), second.useCases(settings)};
            var owner = newAccount(first, Plan.PRO);
            var tokens = new ArrayList<TokenId>();
            for (int i = 0; i < THREADS; i++) {
                var useCases = useCasesOf[i % 2];
                var token = createToken(useCases, owner.id(), TokenKind.API, "seat " + i);
                var verified = useCases.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(
                                TokenKind.API,
                                Option.of(token.secret().reveal()),
                                Option.of("owner-machine-" + i),
                                Option.none(),
                                Option.none()));
                assertThat(verified.map(VerificationResult::assignment)).contains(Assignment.NEW);
                tokens.add(token.token().id());
            }

            // When the owner releases all 40 seats at once, half through each server
            var answers = race.run(
                    this,
                    i -> useCasesOf[i % 2]
                            .releaseSeat()
                            .releaseSeat(new ReleaseSeatUseCase.Command(owner.id(), tokens.get(i))));

            // Then exactly the window's limit is released; the rest are refused until a day later
            var released = answers.filter(Either::isRight).map(Either::get);
            assertThat(released)
                    .as("round %d: releases accepted, limit %d", round, limit)
                    .hasSize(limit);
            var refusals = answers.filter(Either::isLeft).map(Either::getLeft);
            assertThat(refusals)
                    .as("round %d: refusals", round)
                    .hasSize(THREADS - limit)
                    .containsOnly(
                            new Refusal.SeatReleaseRateLimited(clock.instant().plus(DAY)));
            assertThat(refusals.map(Refusal::code).distinct()).containsExactly("SEAT_RELEASE_RATE_LIMITED");

            // And the stored account and seats agree: one quota use per release, those seats FREE
            var account = first.database.accounts().findById(owner.id());
            assertThat(account.map(a -> a.quotaUses().size()))
                    .as("round %d: stored quota uses", round)
                    .contains(limit);
            var freeSeats = List.ofAll(tokens)
                    .filter(id -> second.database.seats().findByToken(id).exists(FreeSeat.class::isInstance));
            assertThat(freeSeats)
                    .as("round %d: FREE seats", round)
                    .containsExactlyInAnyOrderElementsOf(released.map(TokenView::id));
            var events = eventsOf(owner.id());
            assertThat(events.count(e -> e.type() == EventType.SEAT_RELEASED)).isEqualTo(limit);
            assertThat(events.count(e -> e.type() == EventType.SEAT_RELEASE_REFUSED))
                    .isEqualTo(THREADS - limit);
        }
        race.print(this, "40 manual releases of one account's seats", rounds, started, "limits 1 and 3");
    }

    // ---- R7 under R16: integration token slots -------------------------------------------------

    @Test
    void R16_forty_concurrent_integration_token_creations_never_exceed_the_slot_limit() throws Exception {
        int rounds = rounds();
        var race = new RaceFigures();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            // Given a PRO account with its plan's slot limit (1; odd rounds: ENTERPRISE, 5), no tokens
            var owner = newAccount(first, round % 2 == 0 ? Plan.PRO : Plan.ENTERPRISE);
            int limit = owner.integrationTokenLimit();
            assertThat(limit).isEqualTo(round % 2 == 0 ? 1 : 5);
            String prefix = "plugin " + round + "-";

            // When 40 integration tokens are created at once, half through each server
            var answers = race.run(
                    this,
                    i -> server(i)
                            .useCases
                            .createToken()
                            .createToken(new CreateTokenUseCase.Command(
                                    owner.id(), prefix + i, TokenKind.INTEGRATION, null, Option.none())));

            // Then exactly the free slots are filled, and the others refused
            assertThat(answers.count(Either::isRight))
                    .as("round %d: created, limit %d", round, limit)
                    .isEqualTo(limit);
            var refusals = answers.filter(Either::isLeft).map(Either::getLeft);
            assertThat(refusals)
                    .as("round %d: refusals", round)
                    .hasSize(THREADS - limit)
                    .containsOnly(new Refusal.IntegrationTokenLimitReached(limit));
            assertThat(refusals.map(Refusal::code).distinct()).containsExactly("INTEGRATION_TOKEN_LIMIT_REACHED");

            // And the store holds exactly that many live integration tokens, each with its seat
            var stored = second.database
                    .tokens()
                    .ofAccount(owner.id())
                    .filter(t -> t.kind() == TokenKind.INTEGRATION && !t.isRevoked());
            assertThat(stored).as("round %d: stored integration tokens", round).hasSize(limit);
            assertThat(stored.map(t -> first.database.seats().findByToken(t.id())))
                    .allMatch(Option::isDefined);
            assertThat(accountSeenBy(second, owner.id()).integrationTokensInUse())
                    .isEqualTo(limit);
            assertThat(eventsOf(owner.id()).count(e -> e.type() == EventType.TOKEN_CREATED))
                    .isEqualTo(limit);
        }
        race.print(this, "40 integration token creations", rounds, started, "limits 1 and 5");
    }

    // ---- the two servers -----------------------------------------------------------------------

    /** One server process: its own pool on the shared database, and the application over it. */
    private static final class Server {
        final String name;
        final Database database;
        final CountingTransactions transactions;
        final Ports ports;
        final UseCases useCases;

        Server(String name, Database database, MutableClock clock) {
            this.name = name;
            this.database = database;
            this.transactions = new CountingTransactions(database.transactions());
            this.ports = new Ports(
                    database.accounts(),
                    database.tokens(),
                    database.seats(),
                    database.auditLog(),
                    transactions,
                    new SecureRandomSecretGenerator(new SecureRandom()),
                    new Sha256SecretHasher(),
                    new RandomIdGenerator(new SecureRandom()),
                    clock,
                    database.verificationReads());
            this.useCases = UseCases.create(ports, LicensingSettings.defaults());
        }

        UseCases useCases(LicensingSettings settings) {
            return UseCases.create(ports, settings);
        }
    }

    /**
     * The application's transactions, counting the units the engine refused with a conflict (each
     * one the application's unit of work runs again) and the longest run of conflicts one unit met.
     */
    private static final class CountingTransactions implements Transactions {
        private final Transactions delegate;
        private final LongAdder units = new LongAdder();
        private final LongAdder conflicts = new LongAdder();
        private final LongAccumulator longestStreak = new LongAccumulator(Math::max, 0);
        private final ThreadLocal<int[]> streak = ThreadLocal.withInitial(() -> new int[1]);

        CountingTransactions(Transactions delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            units.increment();
            var current = streak.get();
            try {
                T value = delegate.inTransaction(work);
                current[0] = 0;
                return value;
            } catch (ConcurrentUpdateException conflict) {
                conflicts.increment();
                longestStreak.accumulate(++current[0]);
                throw conflict;
            } catch (RuntimeException | Error other) {
                current[0] = 0;
                throw other;
            }
        }
    }

    private Server server(int racer) {
        return racer % 2 == 0 ? first : second;
    }

    // ---- races ---------------------------------------------------------------------------------

    /** What the races of one test cost: time in races, units run, conflicts retried. */
    private static final class RaceFigures {
        private long raceNanos;
        private long units;
        private long conflicts;

        /**
         * Runs {@value #THREADS} calls that all start together behind a barrier; answers in racer
         * order. Any racer that throws fails the test, naming every failure and keeping the first
         * as the cause.
         */
        <T> List<T> run(RaceScenarios scenarios, IntFunction<T> call) throws Exception {
            var servers = List.of(scenarios.first, scenarios.second);
            long unitsBefore =
                    servers.map(s -> s.transactions.units.sum()).sum().longValue();
            long conflictsBefore =
                    servers.map(s -> s.transactions.conflicts.sum()).sum().longValue();
            var start = new CyclicBarrier(THREADS);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < THREADS; i++) {
                int racer = i;
                futures.add(scenarios.racers.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.apply(racer);
                }));
            }
            long begun = System.nanoTime();
            var answers = new ArrayList<T>();
            var failures = new ArrayList<Throwable>();
            for (var future : futures) {
                try {
                    answers.add(future.get(120, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException failed) {
                    failures.add(failed.getCause());
                } catch (TimeoutException stuck) {
                    future.cancel(true);
                    failures.add(stuck);
                }
            }
            raceNanos += System.nanoTime() - begun;
            units += servers.map(s -> s.transactions.units.sum()).sum().longValue() - unitsBefore;
            conflicts += servers.map(s -> s.transactions.conflicts.sum()).sum().longValue() - conflictsBefore;
            if (!failures.isEmpty()) {
                throw failed(failures);
            }
            return List.ofAll(answers);
        }

        private static AssertionError failed(java.util.List<Throwable> failures) {
            var kinds = List.ofAll(failures)
                    .filter(f -> !(f instanceof BrokenBarrierException))
                    .groupBy(RaceFigures::describe)
                    .mapValues(List::size)
                    .toList()
                    .map(kind -> kind._2 + " x " + kind._1);
            var first = List.ofAll(failures)
                    .find(f -> !(f instanceof BrokenBarrierException))
                    .getOrElse(failures.get(0));
            return new AssertionError(
                    failures.size() + " of " + THREADS + " racers threw instead of answering: " + kinds.mkString("; "),
                    first);
        }

        /** A failure and its causes, one class and message each, so that two alike count once. */
        private static String describe(Throwable failure) {
            var parts = new ArrayList<String>();
            for (Throwable cause = failure; cause != null && parts.size() < 6; cause = cause.getCause()) {
                parts.add(cause.getClass().getName() + ": " + cause.getMessage());
            }
            return String.join(" <- ", parts);
        }

        void print(RaceScenarios scenarios, String scenario, int rounds, long startedNanos, String more) {
            long longest = Math.max(
                    scenarios.first.transactions.longestStreak.get(),
                    scenarios.second.transactions.longestStreak.get());
            System.out.printf(
                    "R16 race [%s] %s: rounds=%d threads=%d pools=2 total=%d ms in races=%d ms"
                            + " race units=%d conflicts retried=%d most conflicts of one unit=%d (%s)%n",
                    scenarios.engine(),
                    scenario,
                    rounds,
                    THREADS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                    TimeUnit.NANOSECONDS.toMillis(raceNanos),
                    units,
                    conflicts,
                    longest,
                    more);
        }
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private int rounds() {
        return Integer.getInteger(ROUNDS_PROPERTY, defaultRounds());
    }

    private AccountView newAccount(Server server, Plan plan) {
        var email = "race-" + accountsMade.incrementAndGet() + "@customer.example";
        return TestApplication.expect(
                server.useCases
                        .createAccount()
                        .createAccount(new CreateAccountUseCase.Command(email, plan, Option.none())),
                "create an account");
    }

    private static TokenWithSecret createToken(UseCases useCases, AccountId owner, TokenKind kind, String name) {
        return TestApplication.expect(
                useCases.createToken()
                        .createToken(new CreateTokenUseCase.Command(owner, name, kind, null, Option.none())),
                "create a token");
    }

    private static AccountView accountSeenBy(Server server, AccountId id) {
        return server.useCases
                .getAccount()
                .getAccount(new GetAccountUseCase.Query(id))
                .getOrElseThrow(() -> new AssertionError("no account " + id));
    }

    /** Every stored event of the account, newest first. */
    private List<DomainEvent> eventsOf(AccountId account) {
        return first.database
                .auditLog()
                .newestFirst(account, 10_000, Option.none())
                .map(AuditLog.Entry::event)
                .toList();
    }
}
