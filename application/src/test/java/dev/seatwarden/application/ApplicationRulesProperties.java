package dev.seatwarden.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import dev.seatwarden.application.statemachine.LicensingModel;
import dev.seatwarden.application.testing.CountingTokens;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.Seeds;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenStatus;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * What the application enforces beyond each single domain rule: ownership (R9), races (R16), the
 * audit log (R17), secrets never read back (R5), leak reports that reveal nothing (R21) and a hot
 * path that does not write (R10). Each property is named after its rule.
 */
class ApplicationRulesProperties {

    private static final int THREADS = 8;
    private static final Duration DAY = Duration.ofHours(24);

    // ---- R9 ------------------------------------------------------------------------------------

    enum Administration {
        GET,
        REVOKE,
        ROTATE,
        RELEASE
    }

    /** How the owner left its token before a stranger tries it. */
    record TokenState(TokenKind kind, boolean used, boolean revoked, boolean quotaUsed) {}

    @Test
    void R9_another_accounts_token_answers_exactly_like_an_id_never_issued() {
        Gen<TokenState> states = arbitrary()
                .enumValues(TokenKind.class)
                .zip(booleans().all(), booleans().all(), booleans().all(), TokenState::new);
        Seeds.qt()
                .withExamples(200)
                .forAll(states, arbitrary().enumValues(Administration.class), longs().between(-5, 1500))
                .checkAssert((state, action, grace) -> {
                    // Given an owner's token in some state, and a stranger
                    var app = TestApplication.start();
                    var owner = app.accountOn(Plan.ENTERPRISE);
                    var stranger = app.accountOn(Plan.ENTERPRISE);
                    var token = app.createToken(owner.id(), state.kind());
                    if (state.used()) {
                        app.verify(token, "owner-machine").get();
                    }
                    if (state.quotaUsed()) {
                        var spare = app.createToken(owner.id(), TokenKind.API);
                        app.verify(spare, "owner-machine").get();
                        app.release(owner.id(), spare.token().id()).get();
                    }
                    if (state.revoked()) {
                        app.revoke(owner.id(), token.token().id()).get();
                    }
                    var ownerSawBefore = app.token(owner.id(), token.token().id());
                    var ownerEventsBefore = app.auditEvents(owner.id());

                    // When the stranger administers it, and an id that was never issued
                    var onTheToken =
                            administer(app, action, stranger.id(), token.token().id(), grace);
                    var onNothing =
                            administer(app, action, stranger.id(), new TokenId("tok_NeverIssued0000000"), grace);

                    // Then both answers are the same refusal, and the token is untouched
                    assertThat(onTheToken).isEqualTo(onNothing);
                    boolean badGrace = action == Administration.ROTATE && (grace < 0 || grace > 1440);
                    assertThat(onTheToken.getLeft().code())
                            .isEqualTo(badGrace ? "VALIDATION_FAILED" : "TOKEN_NOT_FOUND");
                    assertThat(app.token(owner.id(), token.token().id())).isEqualTo(ownerSawBefore);
                    assertThat(app.auditEvents(owner.id())).isEqualTo(ownerEventsBefore);
                    assertThat(app.auditEvents(stranger.id()).map(AuditEventView::type))
                            .containsExactly(EventType.ACCOUNT_CREATED);
                });
    }

    private static Either<Refusal, ?> administer(
            TestApplication app, Administration action, AccountId actor, TokenId token, long grace) {
        return switch (action) {
            case GET -> app.getToken(actor, token);
            case REVOKE -> app.revoke(actor, token);
            case ROTATE -> app.rotate(actor, token, grace);
            case RELEASE -> app.release(actor, token);
        };
    }

    // ---- R16 -----------------------------------------------------------------------------------

    @Test
    void R16_concurrent_verifications_of_one_free_seat_have_exactly_one_winner() throws Exception {
        for (int round = 0; round < 40; round++) {
            // Given a free seat: never used, or (odd rounds) held by a machine inactive for 14 days
            var app = TestApplication.start();
            var owner = app.accountOn(Plan.PRO);
            var token = app.createToken(owner.id(), round % 4 < 2 ? TokenKind.API : TokenKind.INTEGRATION);
            boolean afterInactivity = round % 2 == 1;
            if (afterInactivity) {
                app.verify(token, "long-gone").get();
                app.advance(Duration.ofDays(14));
            }

            // When many machines verify at once
            var answers = race(THREADS, i -> app.verify(token, "racer-" + i));

            // Then exactly one gets the seat, the others are refused, told when it frees itself
            var winners = answers.filter(Either::isRight).map(Either::get);
            assertThat(winners).hasSize(1);
            var winner = winners.head();
            assertThat(winner.assignment()).isEqualTo(Assignment.NEW);
            var autoReleaseAt = app.now().plus(Duration.ofDays(14));
            assertThat(answers.filter(Either::isLeft).map(Either::getLeft))
                    .hasSize(THREADS - 1)
                    .containsOnly(new Refusal.SeatAssignedToOtherMachine(autoReleaseAt));
            assertThat(app.token(owner.id(), token.token().id()).seat().machine())
                    .contains(winner.machine());
            var events = app.auditEvents(owner.id());
            assertThat(events.count(e -> e.type() == EventType.SEAT_ASSIGNED)).isEqualTo(afterInactivity ? 2 : 1);
            assertThat(events.count(e -> e.type() == EventType.SEAT_RELEASED))
                    .as("the inactive machine's automatic release, recorded once")
                    .isEqualTo(afterInactivity ? 1 : 0);
        }
    }

    @Test
    void R16_concurrent_manual_releases_never_exceed_the_window() throws Exception {
        for (int round = 0; round < 30; round++) {
            // Given an account allowed 1 (or, odd rounds, 3) releases a day, with 8 assigned seats
            int limit = round % 2 == 0 ? 1 : 3;
            var settings = LicensingSettings.defaults().withManualReleaseLimit(limit);
            var app = TestApplication.start(settings);
            var owner = app.accountOn(Plan.PRO);
            var tokens = new ArrayList<TokenWithSecret>();
            for (int i = 0; i < THREADS; i++) {
                var token = app.createApiToken(owner.id());
                app.verify(token, "machine-" + i).get();
                tokens.add(token);
            }

            // When the owner releases all of them at once
            var answers = race(
                    THREADS, i -> app.release(owner.id(), tokens.get(i).token().id()));

            // Then exactly the limit is released; the rest are refused until a day later
            assertThat(answers.count(Either::isRight)).isEqualTo(limit);
            assertThat(answers.filter(Either::isLeft).map(Either::getLeft))
                    .containsOnly(new Refusal.SeatReleaseRateLimited(app.now().plus(DAY)));
            var events = app.auditEvents(owner.id());
            assertThat(events.count(e -> e.type() == EventType.SEAT_RELEASED)).isEqualTo(limit);
            assertThat(events.count(e -> e.type() == EventType.SEAT_RELEASE_REFUSED))
                    .isEqualTo(THREADS - limit);
            assertThat(app.useCases()
                            .listTokens()
                            .listTokens(new ListTokensUseCase.Query(owner.id(), Option.none()))
                            .count(v -> !v.seat().assigned()))
                    .isEqualTo(limit);
        }
    }

    @Test
    void R7_concurrent_integration_token_creation_never_exceeds_the_limit() throws Exception {
        for (int round = 0; round < 30; round++) {
            // Given an account allowed a few integration tokens, some already held
            var app = TestApplication.start();
            int limit = round % 6;
            var owner = app.accountOn(Plan.ENTERPRISE, limit);
            int held = limit == 0 ? 0 : round % limit;
            for (int i = 0; i < held; i++) {
                app.createIntegrationToken(owner.id());
            }

            // When many integration tokens are created at once
            var answers = race(THREADS * 2, i -> app.tryCreateToken(owner.id(), TokenKind.INTEGRATION, "plugin " + i));

            // Then exactly the free slots are filled, never more
            assertThat(answers.count(Either::isRight)).isEqualTo(limit - held);
            assertThat(answers.filter(Either::isLeft).map(Either::getLeft))
                    .containsOnly(new Refusal.IntegrationTokenLimitReached(limit));
            assertThat(app.account(owner.id()).integrationTokensInUse()).isEqualTo(limit);
        }
    }

    /** Runs {@code n} calls as close to simultaneously as the pool allows; answers in call order. */
    private <T> List<T> race(int n, java.util.function.IntFunction<T> call) throws Exception {
        var ready = new CountDownLatch(n);
        var go = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        var racers = Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> racer = () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                };
                futures.add(racers.submit(racer));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            var answers = new ArrayList<T>();
            for (var future : futures) {
                answers.add(future.get(30, TimeUnit.SECONDS));
            }
            return List.ofAll(answers);
        } finally {
            racers.shutdownNow();
        }
    }

    // ---- R17 -----------------------------------------------------------------------------------

    enum Change {
        CREATE_API,
        CREATE_INTEGRATION,
        VERIFY_FROM_A,
        VERIFY_FROM_B,
        RELEASE,
        RELEASE_AS_OPERATOR,
        REVOKE,
        ROTATE,
        REPORT_LEAKED,
        CHANGE_PLAN,
        LAPSE_OR_RENEW,
        CHANGE_INTEGRATION_LIMIT,
        LET_A_DAY_PASS,
        LET_15_DAYS_PASS,
        SWEEP
    }

    @Test
    void R17_every_change_is_an_audit_event() {
        Seeds.qt()
                .withExamples(150)
                .forAll(
                        lists().of(arbitrary().enumValues(Change.class)).ofSizeBetween(1, 30),
                        integers().all())
                .checkAssert((changes, choice) -> {
                    var app = TestApplication.start();
                    var account = app.accountOn(Plan.ENTERPRISE);
                    assertThat(app.auditEvents(account.id()).map(AuditEventView::type))
                            .containsExactly(EventType.ACCOUNT_CREATED);
                    var tokens = new ArrayList<TokenWithSecret>();
                    var override = Option.<Integer>none();
                    int step = 0;
                    for (var change : changes) {
                        step++;
                        var before = app.auditEvents(account.id());
                        var token = tokens.isEmpty() ? null : tokens.get(Math.floorMod(choice + step, tokens.size()));
                        var id = token == null ? null : token.token().id();
                        var seatBefore =
                                id == null ? null : app.token(account.id(), id).seat();
                        var expected = List.<Expected>empty();
                        switch (change) {
                            case CREATE_API, CREATE_INTEGRATION -> {
                                var kind = change == Change.CREATE_API ? TokenKind.API : TokenKind.INTEGRATION;
                                var created = app.tryCreateToken(account.id(), kind, "token " + step);
                                if (created.isRight()) {
                                    tokens.add(created.get());
                                    expected = List.of(new Expected(
                                            EventType.TOKEN_CREATED,
                                            created.get().token().id(),
                                            null,
                                            null));
                                }
                            }
                            case VERIFY_FROM_A, VERIFY_FROM_B -> {
                                if (token == null) {
                                    continue;
                                }
                                var machine = change == Change.VERIFY_FROM_A ? "machine-A" : "machine-B";
                                var verified = app.verify(token, machine);
                                expected = expectedOfVerification(verified, id, seatBefore, machine);
                            }
                            case RELEASE -> {
                                if (token == null) {
                                    continue;
                                }
                                var released = app.release(account.id(), id);
                                if (released.isRight()) {
                                    expected = List.of(new Expected(
                                            EventType.SEAT_RELEASED,
                                            id,
                                            seatBefore.machine().get(),
                                            "MANUAL"));
                                } else if (released.getLeft() instanceof Refusal.SeatReleaseRateLimited) {
                                    expected = List.of(new Expected(EventType.SEAT_RELEASE_REFUSED, id, null, null));
                                }
                            }
                            case RELEASE_AS_OPERATOR -> {
                                if (token == null) {
                                    continue;
                                }
                                if (app.releaseAsOperator(id, "support case " + step)
                                        .isRight()) {
                                    expected = List.of(new Expected(
                                            EventType.SEAT_RELEASED,
                                            id,
                                            seatBefore.machine().get(),
                                            "OPERATOR: support case " + step));
                                }
                            }
                            case REVOKE -> {
                                if (token == null) {
                                    continue;
                                }
                                if (app.revoke(account.id(), id).isRight()) {
                                    expected = List.of(new Expected(EventType.TOKEN_REVOKED, id, null, "OWNER"));
                                    if (seatBefore.assigned()) {
                                        expected = expected.append(new Expected(
                                                EventType.SEAT_RELEASED,
                                                id,
                                                seatBefore.machine().get(),
                                                "REVOCATION"));
                                    }
                                }
                            }
                            case ROTATE -> {
                                if (token == null) {
                                    continue;
                                }
                                var rotated = app.rotate(account.id(), id, 0);
                                if (rotated.isRight()) {
                                    tokens.set(tokens.indexOf(token), rotated.get());
                                    expected = List.of(new Expected(EventType.TOKEN_ROTATED, id, null, null));
                                }
                            }
                            case REPORT_LEAKED -> {
                                if (token == null) {
                                    continue;
                                }
                                var wasRevoked = app.token(account.id(), id).status() == TokenStatus.REVOKED;
                                app.reportLeaked(token.secret().reveal()).get();
                                if (!wasRevoked) {
                                    expected = List.of(new Expected(EventType.TOKEN_REVOKED, id, null, "LEAKED"));
                                    if (seatBefore.assigned()) {
                                        expected = expected.append(new Expected(
                                                EventType.SEAT_RELEASED,
                                                id,
                                                seatBefore.machine().get(),
                                                "REVOCATION"));
                                    }
                                }
                            }
                            case CHANGE_PLAN -> {
                                var plan = Plan.values()[Math.floorMod(choice + step, 3)];
                                var was = app.account(account.id()).plan();
                                app.changePlan(account, plan);
                                if (plan != was) {
                                    expected = List.of(new Expected(EventType.ACCOUNT_CHANGED, null, null, null));
                                }
                            }
                            case LAPSE_OR_RENEW -> {
                                if (app.account(account.id()).subscription()
                                        == dev.seatwarden.domain.account.Subscription.ACTIVE) {
                                    app.lapse(account);
                                } else {
                                    app.renew(account);
                                }
                                expected = List.of(new Expected(EventType.ACCOUNT_CHANGED, null, null, null));
                            }
                            case CHANGE_INTEGRATION_LIMIT -> {
                                int limit = Math.floorMod(choice + step, 4);
                                app.setIntegrationLimit(account, limit);
                                // setting the operator's limit is a change even when it equals the plan's default
                                if (!override.contains(limit)) {
                                    expected = List.of(new Expected(EventType.ACCOUNT_CHANGED, null, null, null));
                                }
                                override = Option.some(limit);
                            }
                            case LET_A_DAY_PASS -> app.advance(DAY);
                            case LET_15_DAYS_PASS -> app.advance(Duration.ofDays(15));
                            case SWEEP -> {
                                var held = app.useCases()
                                        .listTokens()
                                        .listTokens(new ListTokensUseCase.Query(account.id(), Option.none()))
                                        .map(v -> v.id());
                                int released = app.sweep();
                                var fresh = app.auditEvents(account.id()).take(released);
                                assertThat(fresh).allSatisfy(e -> {
                                    assertThat(e.type()).isEqualTo(EventType.SEAT_RELEASED);
                                    assertThat(e.detail().get()).isIn("AUTO", "EXPIRY");
                                    assertThat(held).contains(e.tokenId().get());
                                    assertThat(e.machineId()).isNotEmpty();
                                });
                                expected = List.ofAll(fresh)
                                        .map(e -> new Expected(
                                                e.type(),
                                                e.tokenId().get(),
                                                e.machineId().get(),
                                                e.detail().get()))
                                        .reverse();
                            }
                        }
                        var added = app.auditEvents(account.id())
                                .dropRight(before.size())
                                .reverse();
                        // A release the rules already saw (R13 inactivity) is recorded when the seat is
                        // next written; it concerns the command's token, whose seat was already free.
                        var recordedLate = change == Change.SWEEP
                                ? List.<AuditEventView>empty()
                                : added.filter(e -> e.type() == EventType.SEAT_RELEASED
                                        && e.detail().exists(d -> d.equals("AUTO") || d.equals("EXPIRY")));
                        for (var late : recordedLate) {
                            assertThat(late.tokenId()).contains(id);
                            assertThat(seatBefore.assigned()).isFalse();
                        }
                        assertThat(added.removeAll(recordedLate).map(Expected::of))
                                .as("step %d %s", step, change)
                                .isEqualTo(expected);
                        assertThat(added).allSatisfy(e -> assertThat(e.at()).isEqualTo(app.now()));
                    }
                });
    }

    /** An audit event reduced to what R17 names. */
    record Expected(EventType type, TokenId token, MachineId machine, String detail) {
        static Expected of(AuditEventView e) {
            boolean detailMatters = e.type() == EventType.TOKEN_REVOKED
                    || e.type() == EventType.SEAT_RELEASED
                    || e.type() == EventType.VERIFICATION_REFUSED;
            return new Expected(
                    e.type(),
                    e.tokenId().getOrNull(),
                    e.machineId().getOrNull(),
                    detailMatters ? e.detail().getOrNull() : null);
        }
    }

    private static List<Expected> expectedOfVerification(
            Either<Refusal, VerificationResult> verified,
            TokenId id,
            dev.seatwarden.application.port.in.SeatView seatBefore,
            String machine) {
        var m = new MachineId(machine);
        if (verified.isLeft()) {
            return List.of(new Expected(
                    EventType.VERIFICATION_REFUSED, id, m, verified.getLeft().code()));
        }
        return switch (verified.get().assignment()) {
            case CONTINUING -> List.empty();
            case REACTIVATED -> List.of(new Expected(EventType.SEAT_REACTIVATED, id, m, null));
            case NEW -> List.of(new Expected(EventType.SEAT_ASSIGNED, id, m, null));
        };
    }

    // ---- R5 ------------------------------------------------------------------------------------

    @Test
    void R5_no_read_returns_a_secret() {
        Seeds.qt()
                .withExamples(150)
                .forAll(
                        arbitrary().enumValues(TokenKind.class),
                        integers().between(0, 3),
                        booleans().all(),
                        integers().between(0, 3))
                .checkAssert((kind, rotations, revoke, verifications) -> {
                    // Given a token with some history: rotations (with grace), uses, maybe revoked
                    var app = TestApplication.start();
                    var account = app.accountOn(Plan.ENTERPRISE);
                    var token = app.createToken(account.id(), kind);
                    var shown = new ArrayList<Object>();
                    shown.add(token);
                    for (int i = 0; i < rotations; i++) {
                        token = app.rotate(account.id(), token.token().id(), 10L * i)
                                .get();
                        shown.add(token);
                    }
                    for (int i = 0; i < verifications; i++) {
                        app.advance(Duration.ofMinutes(2));
                        shown.add(app.verify(token, "machine-" + (i % 2)));
                    }
                    if (revoke) {
                        shown.add(app.revoke(account.id(), token.token().id()).get());
                    }
                    assertThat(app.leaks().size()).isEqualTo(1 + rotations);

                    // When everything is read back, then no view holds a secret or its SHA-256
                    var id = token.token().id();
                    shown.add(app.token(account.id(), id));
                    shown.add(app.getToken(account.id(), id));
                    shown.add(app.useCases()
                            .listTokens()
                            .listTokens(new ListTokensUseCase.Query(account.id(), Option.none())));
                    shown.add(app.useCases()
                            .listTokens()
                            .listTokens(new ListTokensUseCase.Query(account.id(), Option.some(kind))));
                    shown.add(app.useCases().getAccount().getAccount(new GetAccountUseCase.Query(account.id())));
                    shown.add(app.useCases().listAccounts().listAccounts());
                    shown.add(app.auditEvents(account.id()));
                    app.leaks().assertNoneIn(shown.toArray());
                    // And the listing's hint is the last 4 characters of the current secret only
                    assertThat(app.token(account.id(), id).hint())
                            .isEqualTo(token.secret()
                                    .reveal()
                                    .substring(token.secret().reveal().length() - 4));
                });
    }

    // ---- R21 -----------------------------------------------------------------------------------

    enum Submitted {
        KNOWN,
        KNOWN_OF_ANOTHER_ACCOUNT,
        ALREADY_REVOKED,
        UNKNOWN_WELL_FORMED,
        BAD_CHECKSUM,
        GARBAGE,
        EMPTY
    }

    @Test
    void R21_the_answer_reveals_nothing() {
        Seeds.qt()
                .withExamples(150)
                .forAll(lists().of(arbitrary().enumValues(Submitted.class)).ofSizeBetween(1, 100))
                .checkAssert(mix -> {
                    var app = TestApplication.start();
                    var one = app.accountOn(Plan.PRO);
                    var other = app.accountOn(Plan.PRO);
                    var revoked = app.createApiToken(one.id());
                    app.revoke(one.id(), revoked.token().id()).get();
                    var submitted = new ArrayList<String>();
                    var known = new ArrayList<TokenWithSecret>();
                    for (var kind : mix) {
                        submitted.add(
                                switch (kind) {
                                    case KNOWN -> remember(known, app.createApiToken(one.id()));
                                    case KNOWN_OF_ANOTHER_ACCOUNT -> remember(known, app.createApiToken(other.id()));
                                    case ALREADY_REVOKED -> revoked.secret().reveal();
                                    case UNKNOWN_WELL_FORMED ->
                                        LicensingModel.wellFormedSecret(TokenKind.INTEGRATION, "7".repeat(32));
                                    case BAD_CHECKSUM ->
                                        revoked.secret().reveal().substring(0, 41) + "!";
                                    case GARBAGE -> "password123";
                                    case EMPTY -> "";
                                });
                    }
                    var garbageOnly = List.fill(mix.size(), "nothing to see");

                    var answer = app.reportLeaked(List.ofAll(submitted));

                    assertThat(answer).isEqualTo(app.reportLeaked(garbageOnly)).isEqualTo(Either.right(mix.size()));
                    assertThat(known)
                            .allSatisfy(
                                    t -> assertThat(app.verify(t, "any-machine").getLeft())
                                            .isEqualTo(new Refusal.TokenRevoked()));
                });
    }

    private static String remember(java.util.List<TokenWithSecret> known, TokenWithSecret token) {
        known.add(token);
        return token.secret().reveal();
    }

    // ---- R10 -----------------------------------------------------------------------------------

    @Test
    void R10_a_verification_within_60_seconds_writes_nothing() {
        Seeds.qt()
                .withExamples(100)
                .forAll(
                        lists().of(integers().between(0, 59_999)).ofSizeBetween(1, 8),
                        arbitrary().enumValues(TokenKind.class),
                        integers().between(0, 3_000_000))
                .checkAssert((offsetsMillis, kind, startMillis) -> {
                    // Given a token used from machine A, its use recorded
                    var clock = new MutableClock(TestApplication.START.plusMillis(startMillis));
                    var counting = new CountingPorts(new InMemoryAdapters(), clock);
                    var app = TestApplication.over(counting.ports(), clock, LicensingSettings.defaults());
                    var account = app.accountOn(Plan.PRO);
                    var token = app.createToken(account.id(), kind);
                    app.verify(token, "machine-A").get();
                    var recordedAt = clock.instant();
                    counting.reset();

                    // When it verifies again from A, any number of times, within 60 seconds
                    for (var offset : offsetsMillis.stream().sorted().toList()) {
                        clock.set(recordedAt.plusMillis(offset));
                        var again = app.verify(token, "machine-A").get();
                        assertThat(again.assignment()).isEqualTo(Assignment.CONTINUING);
                        assertThat(again.autoReleaseAt()).isEqualTo(recordedAt.plus(Duration.ofDays(14)));
                    }

                    // Then nothing at all was written
                    assertThat(counting.writes())
                            .as("saves and appends within 60 s")
                            .isZero();
                    // And at 60 seconds the use is written again, once
                    clock.set(recordedAt.plusSeconds(60));
                    app.verify(token, "machine-A").get();
                    assertThat(counting.tokenSaves.get()).isEqualTo(1);
                    assertThat(counting.seatSaves.get()).isEqualTo(1);
                    assertThat(counting.accountSaves.get()).isZero();
                    assertThat(app.token(account.id(), token.token().id()).lastUsedAt())
                            .contains(clock.instant());
                });
    }

    // ---- R6, R3 --------------------------------------------------------------------------------

    @Test
    void R6_a_malformed_or_other_kind_secret_is_refused_without_any_lookup() {
        Seeds.qt()
                .withExamples(200)
                .forAll(
                        arbitrary().enumValues(TokenKind.class),
                        integers().between(0, 41),
                        integers().between(1, 61))
                .checkAssert((kind, position, shift) -> {
                    // Given a real secret, and the same secret with one character changed
                    var clock = new MutableClock(TestApplication.START);
                    var counting = new CountingPorts(new InMemoryAdapters(), clock);
                    var app = TestApplication.over(counting.ports(), clock, LicensingSettings.defaults());
                    var account = app.accountOn(Plan.ENTERPRISE);
                    var secret = app.createToken(account.id(), kind).secret().reveal();
                    var alphabet = LicensingModel.BASE62;
                    char original = secret.charAt(position);
                    char changed = position < 4
                            ? (char) (original == 'x' ? 'y' : 'x')
                            : alphabet.charAt((alphabet.indexOf(original) + shift) % alphabet.length());
                    var damaged = secret.substring(0, position) + changed + secret.substring(position + 1);
                    counting.reset();

                    // When either is presented where it does not belong
                    var malformed = app.verify(kind, damaged, "machine-A");
                    var otherSurface = app.verify(
                            kind == TokenKind.API ? TokenKind.INTEGRATION : TokenKind.API, secret, "machine-A");

                    // Then each is refused before storage is asked anything
                    assertThat(malformed.getLeft()).isEqualTo(new Refusal.TokenMalformed());
                    assertThat(otherSurface.getLeft()).isEqualTo(new Refusal.TokenKindMismatch());
                    assertThat(counting.lookups.get()).isZero();
                    assertThat(counting.writes()).isZero();
                });
    }

    /** In-memory ports whose stores count every write; the transactions still cover them. */
    private static final class CountingPorts {
        final AtomicInteger accountSaves = new AtomicInteger();
        final AtomicInteger tokenSaves = new AtomicInteger();
        final AtomicInteger seatSaves = new AtomicInteger();
        final AtomicInteger appends = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        private final Ports ports;

        CountingPorts(InMemoryAdapters adapters, MutableClock clock) {
            var random = new SecureRandom();
            this.ports = new Ports(
                    new CountingAccounts(adapters.accounts(), accountSaves),
                    new CountingTokens(adapters.tokens(), tokenSaves, lookups),
                    new CountingSeats(adapters.seats(), seatSaves),
                    new CountingAuditLog(adapters.auditLog(), appends),
                    adapters.transactions(),
                    new SecureRandomSecretGenerator(random),
                    new Sha256SecretHasher(),
                    new RandomIdGenerator(random),
                    clock);
        }

        Ports ports() {
            return ports;
        }

        int writes() {
            return accountSaves.get() + tokenSaves.get() + seatSaves.get() + appends.get();
        }

        void reset() {
            accountSaves.set(0);
            tokenSaves.set(0);
            seatSaves.set(0);
            appends.set(0);
            lookups.set(0);
        }
    }

    private record CountingAccounts(Accounts delegate, AtomicInteger saves) implements Accounts {
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
            saves.incrementAndGet();
            delegate.save(account);
        }
    }

    private record CountingSeats(Seats delegate, AtomicInteger saves) implements Seats {
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
            saves.incrementAndGet();
            delegate.save(seat);
        }
    }

    private record CountingAuditLog(AuditLog delegate, AtomicInteger appends) implements AuditLog {
        @Override
        public void append(Seq<DomainEvent> events) {
            appends.incrementAndGet();
            delegate.append(events);
        }

        @Override
        public Seq<Entry> newestFirst(AccountId account, int limit, Option<Long> before) {
            return delegate.newestFirst(account, limit, before);
        }
    }
}
