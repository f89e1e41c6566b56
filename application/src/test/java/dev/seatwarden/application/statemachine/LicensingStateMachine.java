package dev.seatwarden.application.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.OperatorReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.statemachine.LicensingModel.Answer;
import dev.seatwarden.application.statemachine.LicensingModel.Event;
import dev.seatwarden.application.statemachine.LicensingModel.Refused;
import dev.seatwarden.application.statemachine.LicensingModel.Tok;
import dev.seatwarden.application.statemachine.LicensingModel.TokenSeen;
import dev.seatwarden.application.testing.MutableClock;
import dev.seatwarden.application.testing.SecretLeaks;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The licensing rules as a state machine: random sequences of commands run against the application
 * (the real use cases over the stores of one adapter family) and against {@link LicensingModel}, an
 * independent reference model written from {@code domain-rules.md}. Every answer is compared, the
 * whole state both sides show is compared after every step, and invariants are checked on the
 * application's state (read through its use cases, never through the model) after every step.
 *
 * <p>Secrets and ids come from generators seeded by the run's seed, so one seed replays a run
 * exactly over any adapter family whose stores start empty. A test calls {@link #run} with fresh
 * stores per sequence and reports the {@link Summary} it answers.
 */
public final class LicensingStateMachine {

    /**
     * What the generator must reach in a long run (1000 sequences), or the comparison proves little:
     * each entry is a command and an outcome, as counted in {@link Summary#outcomes()}.
     */
    public static final List<String> INTERESTING_OUTCOMES = List.of(
            "verify:NEW",
            "verify:CONTINUING",
            "verify:REACTIVATED",
            "verify:previous-secret-accepted",
            "verify:TOKEN_MISSING",
            "verify:TOKEN_MALFORMED",
            "verify:TOKEN_KIND_MISMATCH",
            "verify:MACHINE_ID_INVALID",
            "verify:TOKEN_UNKNOWN",
            "verify:TOKEN_REVOKED",
            "verify:TOKEN_EXPIRED",
            "verify:SUBSCRIPTION_INACTIVE",
            "verify:PLAN_NOT_ELIGIBLE",
            "verify:SEAT_ASSIGNED_TO_OTHER_MACHINE",
            "verify:auto-released-then-NEW",
            "create:OK",
            "create:VALIDATION_FAILED",
            "create:INTEGRATION_TOKEN_LIMIT_REACHED",
            "create:PLAN_NOT_ELIGIBLE",
            "create:SUBSCRIPTION_INACTIVE",
            "release:OK",
            "release:SEAT_RELEASE_RATE_LIMITED",
            "release:SEAT_NOT_ASSIGNED",
            "release:TOKEN_REVOKED",
            "release:TOKEN_NOT_FOUND",
            "release:allowed-exactly-at-window-end",
            "operator-release:OK",
            "operator-release:VALIDATION_FAILED",
            "revoke:OK",
            "revoke:TOKEN_ALREADY_REVOKED",
            "rotate:OK",
            "rotate:VALIDATION_FAILED",
            "rotate:TOKEN_REVOKED",
            "sweep:released",
            "leak:revoked");

    private static final int MIN_COMMANDS = 10;
    private static final int MAX_COMMANDS = 50;
    private static final Instant START = Instant.parse("2031-03-03T08:00:00Z");
    private static final List<String> MACHINES = List.of("m-alpha", "m-beta", "m-gamma");
    private static final List<String> ODD_VALID_MACHINES = List.of("M".repeat(128), "!~");
    private static final List<String> INVALID_MACHINES =
            java.util.Arrays.asList(null, "", "has space", "x".repeat(129), "café", "tab\tid");
    private static final List<String> ADDRESSES = java.util.Arrays.asList("203.0.113.7", "198.51.100.23", null);
    private static final List<String> AGENTS = java.util.Arrays.asList("seatwarden-cli/1.2", "plugin/3.0", null);

    private LicensingStateMachine() {}

    /**
     * What a run did: the seed, the sequences and commands run, how long it took, and how often
     * each command had each outcome (for example {@code verify:NEW}).
     */
    public record Summary(long seed, int sequences, int commands, long millis, SortedMap<String, Integer> outcomes) {

        public Summary {
            outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
        }

        /** The {@link #INTERESTING_OUTCOMES} this run reached. */
        public List<String> interestingOutcomesReached() {
            return INTERESTING_OUTCOMES.stream().filter(outcomes::containsKey).toList();
        }
    }

    /**
     * The number of sequences {@code -D<property>=…} asks for, else {@code fallback}.
     *
     * @throws NumberFormatException when the property is set to something that is not a number
     */
    public static int sequences(String property, int fallback) {
        var configured = System.getProperty(property);
        return configured == null || configured.isBlank() ? fallback : Integer.parseInt(configured.trim());
    }

    /**
     * Runs {@code sequences} random command sequences, each over stores that {@code freshStores}
     * makes (or empties) for it and against a fresh model; the sequences' own seeds all derive from
     * {@code seed}.
     *
     * @throws AssertionError at the first sequence where the application and the model disagree or
     *     an invariant breaks, naming the seed that replays the run and the commands of that
     *     sequence, the last one failing
     */
    public static Summary run(Supplier<Stores> freshStores, int sequences, long seed) {
        var master = new Random(seed);
        var stats = new TreeMap<String, Integer>();
        long started = System.nanoTime();
        int ran = 0;
        int commands = 0;
        for (int i = 0; i < sequences; i++) {
            long sequenceSeed = master.nextLong();
            var run = new Run(sequenceSeed, stats, freshStores.get());
            try {
                run.execute(MIN_COMMANDS + new Random(sequenceSeed).nextInt(MAX_COMMANDS - MIN_COMMANDS + 1));
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(
                        "The application and the reference model disagree, or an invariant broke.\n"
                                + "Reproduce with -Dseatwarden.seed=" + seed + " (sequence " + i + " of " + sequences
                                + ").\nCommands of the failing sequence, the last one failing:\n" + run.trace(),
                        failure);
            }
            ran++;
            commands += run.commands;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Summary(seed, ran, commands, millis, stats);
    }

    /**
     * One sequence: an application over fresh (or emptied) stores and a fresh model, driven by one
     * seeded random source.
     */
    private static final class Run {

        private final Random rnd;
        private final Map<String, Integer> stats;
        private final MutableClock clock = new MutableClock(START);
        private final TestApplication app;
        private final UseCases uc;
        private final LicensingSettings settings = LicensingSettings.defaults();
        private final LicensingModel model = new LicensingModel(START);
        private final SecretLeaks leaks;
        private final List<String> trace = new ArrayList<>();
        private final List<String> accounts = new ArrayList<>();
        private final Map<String, String> lastSeenEvent = new HashMap<>();
        private final Map<String, List<AuditEventView>> history = new HashMap<>();
        private final Map<String, String> lastWinner = new HashMap<>();
        private final Set<String> everRevoked = new HashSet<>();
        private int commands;

        Run(long seed, Map<String, Integer> stats, Stores stores) {
            this.rnd = new Random(seed);
            this.stats = stats;
            var ports = TestApplication.deterministicPorts(stores, clock, seed);
            this.app = TestApplication.over(ports, clock, settings);
            this.uc = app.useCases();
            this.leaks = app.leaks();
        }

        String trace() {
            return String.join("\n", trace);
        }

        void execute(int length) {
            createAccount("owner-a@customer.example", Plan.PRO, null);
            createAccount(
                    "owner-b@customer.example",
                    pick(Plan.PRO, Plan.ENTERPRISE, Plan.ENTERPRISE, Plan.STARTER),
                    rnd.nextInt(10) < 3 ? rnd.nextInt(4) : null);
            createAccount("Owner-C@Customer.example", pick(Plan.values()), null);
            afterStep(false);
            for (int i = 0; i < length; i++) {
                commands++;
                step();
                afterStep(trace.get(trace.size() - 1).startsWith("sweep"));
            }
            finalChecks();
        }

        private void step() {
            int roll = rnd.nextInt(100);
            if (model.tokens.isEmpty() || roll < 11) {
                createToken();
            } else if (roll < 46) {
                verify();
            } else if (roll < 57) {
                advance();
            } else if (roll < 61) {
                advanceToBoundary();
            } else if (roll < 69) {
                release();
            } else if (roll < 72) {
                operatorRelease();
            } else if (roll < 76) {
                revoke();
            } else if (roll < 81) {
                rotate();
            } else if (roll < 83) {
                letExpiryPass();
            } else if (roll < 88) {
                changeAccount();
            } else if (roll < 91) {
                sweep();
            } else if (roll < 93) {
                reportLeak();
            } else if (roll < 95) {
                getToken();
            } else if (roll < 97) {
                waitForTheWindowThenRelease();
            } else {
                verify();
            }
        }

        // ---- commands --------------------------------------------------------------------------

        private void createAccount(String email, Plan plan, Integer limit) {
            var view = TestApplication.expect(
                    uc.createAccount().createAccount(new CreateAccountUseCase.Command(email, plan, Option.of(limit))),
                    "create an account");
            model.accountCreated(view.id().value(), email, plan, limit);
            accounts.add(view.id().value());
            trace.add("create account " + view.id() + " " + plan + (limit == null ? "" : " limit " + limit));
        }

        private void createToken() {
            var actor = pickAccount();
            var kind = rnd.nextInt(100) < 5 ? null : rnd.nextInt(100) < 55 ? TokenKind.API : TokenKind.INTEGRATION;
            var name = pickName();
            var assignee = pickAssignee();
            Instant expiresAt = null;
            int e = rnd.nextInt(100);
            if (e < 15) {
                expiresAt = model.now.plus(pick(
                        Duration.ofMinutes(1),
                        Duration.ofHours(3),
                        Duration.ofDays(1),
                        Duration.ofDays(3),
                        Duration.ofDays(15)));
            } else if (e < 19) {
                expiresAt = model.now;
            } else if (e < 22) {
                expiresAt = model.now.minusSeconds(1);
            } else if (e < 25) {
                expiresAt = model.now.plusSeconds(1);
            }
            var expected = model.create(actor, name, kind, assignee, expiresAt);
            var actual = uc.createToken()
                    .createToken(new CreateTokenUseCase.Command(
                            new AccountId(actor), name, kind, assignee, Option.of(expiresAt)));
            trace.add("create token for " + actor + " kind " + kind + " name " + quote(name) + " assignee "
                    + quote(assignee) + " expires " + expiresAt + " -> " + describe(actual));
            count("create", actual);
            if (compare("create token", expected, actual)) {
                var created = actual.get();
                leaks.shown(created.secret());
                leaks.assertNoneIn(created, created.token());
                var secret = created.secret().reveal();
                assertThat(LicensingModel.wellFormed(secret))
                        .as("R6: a new secret is well-formed")
                        .isTrue();
                assertThat(LicensingModel.kindOfPrefix(secret))
                        .as("R3: the prefix names the kind")
                        .isEqualTo(kind);
                assertThat(model.tokens)
                        .as("a new id")
                        .doesNotContainKey(created.token().id().value());
                assertThat(model.lookup(secret)).as("a new secret").isNull();
                var t = model.created(expected.value(), created.token().id().value(), secret);
                assertThat(seen(created.token())).as("the created token").isEqualTo(model.seen(t));
                if (kind == TokenKind.INTEGRATION) {
                    // R7 invariant, on the application's own state.
                    var account = accountView(actor);
                    assertThat(account.integrationTokensInUse()).isLessThanOrEqualTo(account.integrationTokenLimit());
                    long held = uc.listTokens()
                            .listTokens(new ListTokensUseCase.Query(
                                    new AccountId(actor), Option.some(TokenKind.INTEGRATION)))
                            .count(v -> v.status() != TokenStatus.REVOKED && v.status() != TokenStatus.EXPIRED);
                    assertThat(held)
                            .as("R7: integration tokens held")
                            .isLessThanOrEqualTo(account.integrationTokenLimit());
                }
            }
        }

        private void verify() {
            var t = pickLiveTokenMostly();
            var machine = pickMachine();
            var surface = rnd.nextInt(100) < 6 ? other(t.kind) : t.kind;
            String secret;
            String secretWas;
            int r = rnd.nextInt(100);
            if (r < 74) {
                secret = t.secret;
                secretWas = "current";
            } else if (r < 86 && t.previousSecret != null) {
                secret = t.previousSecret;
                secretWas = "previous (grace until " + t.previousUntil + ")";
            } else if (r < 88 && !t.formerSecrets.isEmpty()) {
                secret = t.formerSecrets.get(rnd.nextInt(t.formerSecrets.size()));
                secretWas = "a former one";
            } else if (r < 88) {
                secret = t.secret;
                secretWas = "current";
            } else {
                int g = rnd.nextInt(9);
                secretWas = "garbage#" + g;
                secret = garbage(g, t);
            }
            var address = ADDRESSES.get(rnd.nextInt(ADDRESSES.size()));
            var agent = AGENTS.get(rnd.nextInt(AGENTS.size()));
            var before = ownerView(t);
            boolean inactiveButStored = "AUTO".equals(model.pendingRelease(t));
            var expected = model.verify(surface, secret, machine, address, agent);
            var actual = uc.verifyToken()
                    .verify(new VerifyTokenUseCase.Command(
                            surface, Option.of(secret), Option.of(machine), Option.of(address), Option.of(agent)));
            trace.add("verify " + t.id + " with its " + secretWas + " secret from " + quote(machine) + " on " + surface
                    + " -> " + describe(actual));
            if (actual.isRight()) {
                count("verify", actual.get().assignment().name());
                if (secretWas.startsWith("previous")) {
                    count("verify", "previous-secret-accepted");
                }
                if (inactiveButStored) {
                    count("verify", "auto-released-then-" + actual.get().assignment());
                }
            } else {
                count("verify", actual.getLeft().code());
            }
            if (compare("verify", expected, actual)) {
                var v = expected.value();
                var result = actual.get();
                assertThat(new Object[] {
                            result.accountId().value(),
                            result.tokenId().value(),
                            result.kind(),
                            result.machine().value(),
                            result.assignment(),
                            result.autoReleaseAt()
                        })
                        .as("the verification result")
                        .containsExactly(
                                v.account(), v.token(), v.kind(), v.machine(), v.assignment(), v.autoReleaseAt());
                leaks.assertNoneIn(result);
                // Invariants on the application's own answers.
                assertThat(everRevoked)
                        .as("R8: a revoked token never verifies")
                        .doesNotContain(result.tokenId().value());
                if (result.tokenId().value().equals(t.id)
                        && before.seat().assigned()
                        && !before.seat().machine().contains(result.machine())) {
                    throw new AssertionError("R11/R12: the seat held by the active machine "
                            + before.seat().machine().get() + " was given to " + result.machine());
                }
                lastWinner.put(result.tokenId().value(), result.machine().value());
            }
        }

        private String garbage(int kind, Tok t) {
            return switch (kind) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "not-a-token";
                case 3 -> {
                    // one character of the random part changed: the checksum no longer matches
                    int at = 4 + rnd.nextInt(32);
                    char c = t.secret.charAt(at);
                    char replacement =
                            LicensingModel.BASE62.charAt((LicensingModel.BASE62.indexOf(c) + 1 + rnd.nextInt(61)) % 62);
                    yield t.secret.substring(0, at) + replacement + t.secret.substring(at + 1);
                }
                case 4 -> t.secret + "x";
                case 5 -> LicensingModel.wellFormedSecret(t.kind, randomBody());
                case 6 -> LicensingModel.wellFormedSecret(other(t.kind), randomBody());
                case 7 -> t.secret.substring(0, 3).toUpperCase() + t.secret.substring(3);
                default -> t.secret.substring(0, 41) + (t.secret.charAt(41) == '0' ? '1' : '0');
            };
        }

        private void advance() {
            Duration step;
            int r = rnd.nextInt(100);
            if (r < 50) {
                step = pick(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(59),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(61),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(10));
            } else if (r < 78) {
                step = pick(
                        Duration.ofHours(1),
                        Duration.ofHours(3),
                        Duration.ofHours(24).minusSeconds(1),
                        Duration.ofHours(24),
                        Duration.ofHours(24),
                        Duration.ofHours(24).plusSeconds(1));
            } else {
                step = pick(
                        Duration.ofDays(2),
                        Duration.ofDays(7).minusSeconds(1),
                        Duration.ofDays(7),
                        Duration.ofDays(13),
                        Duration.ofDays(14).minusSeconds(1),
                        Duration.ofDays(14),
                        Duration.ofDays(14),
                        Duration.ofDays(14).plusSeconds(1));
            }
            moveClock(step, "advance " + step);
        }

        /** Jumps to (or one second before) a moment where a rule changes its answer. */
        private void advanceToBoundary() {
            var candidates = new ArrayList<Instant>();
            for (var t : model.tokens.values()) {
                if (model.assignedNow(t)) {
                    candidates.add(t.lastActivityAt.plus(LicensingModel.INACTIVITY));
                    candidates.add(t.lastActivityAt.plus(LicensingModel.GRANULARITY));
                }
                if (t.lastUsedAt != null) {
                    candidates.add(t.lastUsedAt.plus(LicensingModel.RECENT_USE));
                }
                if (t.previousUntil != null) {
                    candidates.add(t.previousUntil);
                }
            }
            for (var a : model.accounts.values()) {
                var next = model.nextReleaseAt(a);
                if (next != null) {
                    candidates.add(next);
                }
            }
            candidates.removeIf(at -> !at.isAfter(model.now));
            if (candidates.isEmpty()) {
                advance();
                return;
            }
            var target = candidates.get(rnd.nextInt(candidates.size()));
            if (rnd.nextInt(3) == 0 && target.minusSeconds(1).isAfter(model.now)) {
                target = target.minusSeconds(1);
            }
            moveClock(Duration.between(model.now, target), "advance to boundary " + target);
        }

        private void letExpiryPass() {
            var expiring = model.tokens.values().stream()
                    .filter(t -> t.expiresAt != null && t.expiresAt.isAfter(model.now))
                    .toList();
            if (expiring.isEmpty()) {
                advance();
                return;
            }
            var t = expiring.get(rnd.nextInt(expiring.size()));
            var target = rnd.nextInt(3) == 0 && t.expiresAt.minusSeconds(1).isAfter(model.now)
                    ? t.expiresAt.minusSeconds(1)
                    : t.expiresAt;
            moveClock(Duration.between(model.now, target), "let the expiry of " + t.id + " come: " + target);
        }

        private void moveClock(Duration step, String what) {
            clock.advance(step);
            model.advance(step);
            trace.add(what + " -> now " + clock.instant());
        }

        /** R14, R18: exactly when the window lets the account release again, it does. */
        private void waitForTheWindowThenRelease() {
            var waiting = model.tokens.values().stream()
                    .filter(model::assignedNow)
                    .filter(t -> model.nextReleaseAt(model.accounts.get(t.account)) != null)
                    .toList();
            if (waiting.isEmpty()) {
                release();
                return;
            }
            var t = waiting.get(rnd.nextInt(waiting.size()));
            var allowedAt = model.nextReleaseAt(model.accounts.get(t.account));
            moveClock(Duration.between(model.now, allowedAt), "wait until the window allows a release: " + allowedAt);
            afterStep(false);
            release(t, t.account);
        }

        private void release() {
            var t = pickTokenPreferringAssigned();
            release(t, rnd.nextInt(100) < 85 ? t.account : otherAccount(t.account));
        }

        private void release(Tok t, String actor) {
            var windowEnd = model.accounts.get(t.account).quotaUses.stream()
                    .anyMatch(use -> use.plus(LicensingModel.RELEASE_WINDOW).equals(model.now));
            var expected = model.release(actor, t.id);
            var actual = uc.releaseSeat()
                    .releaseSeat(new ReleaseSeatUseCase.Command(new AccountId(actor), new TokenId(t.id)));
            trace.add("release " + t.id + " as " + actor + " -> " + describe(actual));
            count("release", actual);
            if (compare("release", expected, actual)) {
                assertThat(seen(actual.get())).as("the released token").isEqualTo(model.seen(t));
                leaks.assertNoneIn(actual.get());
                if (windowEnd) {
                    count("release", "allowed-exactly-at-window-end");
                }
            }
        }

        private void operatorRelease() {
            var t = pickTokenPreferringAssigned();
            var id = rnd.nextInt(100) < 90 ? t.id : "tok_999999";
            int r = rnd.nextInt(100);
            String reason = r < 80
                    ? "  customer ticket #" + rnd.nextInt(1000) + " "
                    : pick("", "   ", "x".repeat(501), "bad\u0000reason", null, "x".repeat(500), "rtl\u202Eflip");
            var expected = model.releaseAsOperator(id, reason);
            var actual = uc.operatorReleaseSeat()
                    .releaseSeatAsOperator(new OperatorReleaseSeatUseCase.Command(new TokenId(id), reason));
            trace.add("operator releases " + id + " because " + quote(reason) + " -> " + describe(actual));
            count("operator-release", actual);
            if (compare("operator release", expected, actual)) {
                assertThat(seen(actual.get())).as("the released token").isEqualTo(model.seen(model.tokens.get(id)));
            }
        }

        private void revoke() {
            var t = pickToken();
            var actor = rnd.nextInt(100) < 85 ? t.account : otherAccount(t.account);
            var expected = model.revoke(actor, t.id);
            var actual = uc.revokeToken()
                    .revokeToken(new RevokeTokenUseCase.Command(new AccountId(actor), new TokenId(t.id)));
            trace.add("revoke " + t.id + " as " + actor + " -> " + describe(actual));
            count("revoke", actual);
            if (compare("revoke", expected, actual)) {
                assertThat(seen(actual.get())).as("the revoked token").isEqualTo(model.seen(t));
            }
        }

        private void rotate() {
            var t = pickLiveTokenMostly();
            var actor = rnd.nextInt(100) < 85 ? t.account : otherAccount(t.account);
            long grace = pick(0L, 0L, 0L, 1L, 5L, 30L, 60L, 1440L, -1L, 1441L);
            var expected = model.rotate(actor, t.id, grace);
            var actual = uc.rotateToken()
                    .rotateToken(new RotateTokenUseCase.Command(new AccountId(actor), new TokenId(t.id), grace));
            trace.add("rotate " + t.id + " as " + actor + " grace " + grace + " min -> " + describe(actual));
            count("rotate", actual);
            if (compare("rotate", expected, actual)) {
                var rotated = actual.get();
                leaks.shown(rotated.secret());
                leaks.assertNoneIn(rotated, rotated.token());
                var secret = rotated.secret().reveal();
                assertThat(LicensingModel.wellFormed(secret)).isTrue();
                assertThat(LicensingModel.kindOfPrefix(secret))
                        .as("R19: same kind")
                        .isEqualTo(t.kind);
                assertThat(model.lookup(secret)).as("a new secret").isNull();
                assertThat(rotated.token().id().value()).as("R19: same id").isEqualTo(t.id);
                model.rotated(t, grace, secret);
                assertThat(seen(rotated.token())).as("the rotated token").isEqualTo(model.seen(t));
            }
        }

        private void changeAccount() {
            var account = model.accounts.get(pickAccount());
            var email = rnd.nextInt(100) < 3 ? "nobody@customer.example" : account.email;
            Plan plan = null;
            Subscription subscription = null;
            Integer limit = null;
            int r = rnd.nextInt(100);
            if (r < 40) {
                plan = pick(Plan.values());
            } else if (r < 80) {
                subscription = account.subscription == Subscription.ACTIVE ? Subscription.LAPSED : Subscription.ACTIVE;
            } else if (r < 95) {
                limit = rnd.nextInt(7);
            } else if (r < 97) {
                limit = -1;
            } else {
                plan = pick(Plan.values());
                subscription = pick(Subscription.values());
                limit = rnd.nextInt(4);
            }
            var expected = model.changeAccount(email, plan, subscription, limit);
            var actual = uc.changeAccount()
                    .changeAccount(new ChangeAccountUseCase.Command(
                            email, Option.of(plan), Option.of(subscription), Option.of(limit)));
            trace.add("change account " + email + " plan " + plan + " subscription " + subscription + " limit " + limit
                    + " -> " + describe(actual));
            count("change-account", actual);
            if (compare("change account", expected, actual)) {
                assertThat(seen(actual.get())).as("the changed account").isEqualTo(expected.value());
            }
        }

        private void sweep() {
            int expected = model.sweep();
            int actual = uc.sweepInactiveSeats().sweep();
            trace.add("sweep -> " + actual + " released");
            if (actual > 0) {
                count("sweep", "released");
            }
            assertThat(actual).as("seats the sweep released").isEqualTo(expected);
        }

        private void reportLeak() {
            var secrets = new ArrayList<String>();
            int r = rnd.nextInt(100);
            int size = r < 3 ? 0 : r < 6 ? 101 : 1 + rnd.nextInt(4);
            var descriptions = new ArrayList<String>();
            for (int i = 0; i < size; i++) {
                var t = pickToken();
                int k = rnd.nextInt(6);
                if (k == 0 || k == 1) {
                    secrets.add(t.secret);
                    descriptions.add("current of " + t.id);
                } else if (k == 2 && t.previousSecret != null) {
                    secrets.add(t.previousSecret);
                    descriptions.add("previous of " + t.id);
                } else if (k == 3 && !t.formerSecrets.isEmpty()) {
                    secrets.add(t.formerSecrets.get(0));
                    descriptions.add("former of " + t.id);
                } else if (k == 4) {
                    secrets.add(LicensingModel.wellFormedSecret(t.kind, randomBody()));
                    descriptions.add("unknown");
                } else {
                    secrets.add(garbage(2 + rnd.nextInt(3), t));
                    descriptions.add("garbage");
                }
            }
            var revokedBefore =
                    model.tokens.values().stream().filter(t -> t.revoked).count();
            var expected = model.reportLeaked(secrets);
            var actual = uc.reportLeakedSecrets()
                    .reportLeaked(new ReportLeakedSecretsUseCase.Command(io.vavr.collection.List.ofAll(secrets)));
            trace.add("report leaked " + (size > 5 ? size + " strings" : descriptions) + " -> " + describe(actual));
            count("leak", actual);
            if (model.tokens.values().stream().filter(t -> t.revoked).count() > revokedBefore) {
                count("leak", "revoked");
            }
            if (compare("report leaked secrets", expected, actual)) {
                assertThat(actual.get())
                        .as("R21: the answer is the number of strings")
                        .isEqualTo(expected.value());
            }
        }

        private void getToken() {
            var t = pickToken();
            var actor = rnd.nextInt(100) < 50 ? t.account : otherAccount(t.account);
            var expected = model.get(actor, t.id);
            var actual = uc.getToken().getToken(new GetTokenUseCase.Query(new AccountId(actor), new TokenId(t.id)));
            trace.add("get " + t.id + " as " + actor + " -> " + describe(actual));
            count("get", actual);
            if (compare("get token", expected, actual)) {
                assertThat(seen(actual.get())).isEqualTo(model.seen(t));
            }
        }

        // ---- after each step -------------------------------------------------------------------

        private void afterStep(boolean unordered) {
            var expectedEvents = model.drainEvents();
            var now = clock.instant();
            for (var account : accounts) {
                // the events this step added, compared with the model's
                var fresh = newEvents(account);
                var expected = expectedEvents.stream()
                        .filter(e -> e.account().equals(account))
                        .map(Run::comparable)
                        .collect(Collectors.toCollection(ArrayList::new));
                var actual = fresh.stream()
                        .map(e -> comparable(new Event(
                                e.type(),
                                account,
                                e.tokenId().map(TokenId::value).getOrNull(),
                                e.machineId().map(MachineId::value).getOrNull(),
                                e.detail().getOrNull())))
                        .collect(Collectors.toCollection(ArrayList::new));
                if (unordered) {
                    expected.sort(Comparator.comparing(Event::toString));
                    actual.sort(Comparator.comparing(Event::toString));
                }
                assertThat(actual)
                        .as("R17: the audit events of " + account + " this step")
                        .isEqualTo(expected);
                for (var e : fresh) {
                    assertThat(e.at()).as("R17/R18: an event's time is now").isEqualTo(now);
                    leaks.assertNoneIn(e);
                }
                checkReleaseQuota(account, fresh);

                // the whole state the owner sees, compared with the model's
                var accountView = accountView(account);
                assertThat(seen(accountView))
                        .as("the account " + account)
                        .isEqualTo(model.seen(model.accounts.get(account)));
                var tokens =
                        uc.listTokens().listTokens(new ListTokensUseCase.Query(new AccountId(account), Option.none()));
                assertThat(tokens.map(Run::seen).toJavaList())
                        .as("the tokens of " + account)
                        .isEqualTo(model.tokensOf(account));
                leaks.assertNoneIn(accountView);
                tokens.forEach(v -> {
                    leaks.assertNoneIn(v);
                    checkSeat(v, now);
                });
            }
        }

        /** Invariants on one token as the application shows it. */
        private void checkSeat(TokenView v, Instant now) {
            var seat = v.seat();
            var id = v.id().value();
            assertThat(List.of(
                            seat.machine().isDefined(),
                            seat.assignedAt().isDefined(),
                            seat.lastActivityAt().isDefined(),
                            seat.autoReleaseAt().isDefined()))
                    .as("R11: a seat is either free or assigned to exactly one machine")
                    .containsOnly(seat.assigned());
            if (v.status() == TokenStatus.REVOKED) {
                everRevoked.add(id);
            } else {
                assertThat(everRevoked).as("R8: revocation is terminal").doesNotContain(id);
            }
            if (seat.assigned()) {
                assertThat(v.status()).isNotIn(TokenStatus.REVOKED, TokenStatus.EXPIRED);
                assertThat(seat.autoReleaseAt().get())
                        .as("R13: autoReleaseAt")
                        .isEqualTo(seat.lastActivityAt().get().plus(settings.inactivityPeriod()))
                        .isAfter(now);
                assertThat(seat.assignedAt().get())
                        .isBeforeOrEqualTo(seat.lastActivityAt().get());
                assertThat(seat.lastActivityAt().get()).isBeforeOrEqualTo(now);
                assertThat(seat.machine().get().value())
                        .as("the seat is held by the machine that last got it")
                        .isEqualTo(lastWinner.get(id));
            }
        }

        /**
         * R14/R15 on the application's audit log: each accepted manual release came when fewer than
         * the limit of quota uses (manual releases, re-activations) lay in the window ending then.
         */
        private void checkReleaseQuota(String account, List<AuditEventView> fresh) {
            var all = history.get(account);
            int firstFresh = all.size() - fresh.size();
            for (int i = firstFresh; i < all.size(); i++) {
                var e = all.get(i);
                if (e.type() == EventType.SEAT_RELEASED && e.detail().contains("MANUAL")) {
                    var start = e.at().minus(settings.manualReleaseWindow());
                    long uses = all.subList(0, i).stream()
                            .filter(Run::usesQuota)
                            .filter(u -> u.at().isAfter(start))
                            .count();
                    assertThat(uses)
                            .as("R14: quota uses in the window before the manual release at " + e.at())
                            .isLessThan(settings.manualReleaseLimit());
                }
            }
        }

        private static boolean usesQuota(AuditEventView e) {
            return e.type() == EventType.SEAT_REACTIVATED
                    || (e.type() == EventType.SEAT_RELEASED && e.detail().contains("MANUAL"));
        }

        /** The account's events since the last call, oldest first, read newest first page by page. */
        private List<AuditEventView> newEvents(String account) {
            var last = lastSeenEvent.get(account);
            var fresh = new ArrayList<AuditEventView>();
            var before = Option.<String>none();
            outer:
            while (true) {
                var page = TestApplication.expect(
                        uc.listAuditEvents()
                                .listAuditEvents(new ListAuditEventsUseCase.Query(new AccountId(account), 20, before)),
                        "list audit events");
                for (var e : page.events()) {
                    if (e.id().equals(last)) {
                        break outer;
                    }
                    fresh.add(e);
                }
                if (page.next().isEmpty()) {
                    break;
                }
                before = page.next();
            }
            for (int i = 1; i < fresh.size(); i++) {
                assertThat(fresh.get(i).at())
                        .as("R17: newest first")
                        .isBeforeOrEqualTo(fresh.get(i - 1).at());
            }
            java.util.Collections.reverse(fresh);
            if (!fresh.isEmpty()) {
                lastSeenEvent.put(account, fresh.get(fresh.size() - 1).id());
            }
            history.computeIfAbsent(account, a -> new ArrayList<>()).addAll(fresh);
            return fresh;
        }

        private void finalChecks() {
            for (var account : accounts) {
                var id = new AccountId(account);
                // the whole log, read with small pages, is exactly what was seen step by step
                int limit = 1 + rnd.nextInt(5);
                var paged = new ArrayList<AuditEventView>();
                var before = Option.<String>none();
                while (true) {
                    var page = TestApplication.expect(
                            uc.listAuditEvents().listAuditEvents(new ListAuditEventsUseCase.Query(id, limit, before)),
                            "list audit events");
                    assertThat(page.events().size()).isLessThanOrEqualTo(limit);
                    paged.addAll(page.events().toJavaList());
                    if (page.next().isEmpty()) {
                        break;
                    }
                    before = page.next();
                }
                java.util.Collections.reverse(paged);
                assertThat(paged).as("R17: the paged audit log of " + account).isEqualTo(history.get(account));
                paged.forEach(leaks::assertNoneIn);
                // listing by kind is the listing filtered
                var all = uc.listTokens().listTokens(new ListTokensUseCase.Query(id, Option.none()));
                for (var kind : TokenKind.values()) {
                    assertThat(uc.listTokens().listTokens(new ListTokensUseCase.Query(id, Option.some(kind))))
                            .isEqualTo(all.filter(v -> v.kind() == kind));
                }
            }
            uc.listAccounts().listAccounts().forEach(leaks::assertNoneIn);
        }

        // ---- comparison ------------------------------------------------------------------------

        /** Compares a model answer with the application's; true when both accepted. */
        private <T, U> boolean compare(String what, Answer<T> expected, Either<Refusal, U> actual) {
            if (expected.isOk()) {
                if (actual.isLeft()) {
                    throw new AssertionError(
                            what + ": the model accepts, the application refuses with " + refused(actual.getLeft()));
                }
                return true;
            }
            if (actual.isRight()) {
                throw new AssertionError(what + ": the model refuses with " + expected.refused()
                        + ", the application accepts: " + actual.get());
            }
            assertThat(refused(actual.getLeft())).as(what + ": the refusal").isEqualTo(expected.refused());
            return false;
        }

        static Refused refused(Refusal refusal) {
            if (refusal instanceof Refusal.SeatAssignedToOtherMachine r) {
                return new Refused(r.code(), r.autoReleaseAt().toString());
            }
            if (refusal instanceof Refusal.SeatReleaseRateLimited r) {
                return new Refused(r.code(), r.retryAt().toString());
            }
            if (refusal instanceof Refusal.IntegrationTokenLimitReached r) {
                return new Refused(r.code(), String.valueOf(r.limit()));
            }
            if (refusal instanceof Refusal.ValidationFailed r) {
                return new Refused(
                        r.code(),
                        r.errors().map(FieldError::field).toJavaSet().stream()
                                .collect(Collectors.toCollection(TreeSet::new))
                                .toString());
            }
            return Refused.of(refusal.code());
        }

        /** An event reduced to what the rules fix: type, token, machine, and the detail where R17 names one. */
        private static Event comparable(Event e) {
            boolean detailMatters = e.type() == EventType.TOKEN_REVOKED
                    || e.type() == EventType.SEAT_RELEASED
                    || e.type() == EventType.VERIFICATION_REFUSED;
            return new Event(e.type(), e.account(), e.token(), e.machine(), detailMatters ? e.detail() : null);
        }

        static TokenSeen seen(TokenView v) {
            var seat = v.seat();
            return new TokenSeen(
                    v.id().value(),
                    v.name(),
                    v.kind(),
                    v.assignee().getOrNull(),
                    v.hint(),
                    v.createdAt(),
                    v.expiresAt().getOrNull(),
                    v.lastUsedAt().getOrNull(),
                    v.lastUse().map(u -> u.machine().value()).getOrNull(),
                    v.lastUse().flatMap(LastUse::remoteAddress).getOrNull(),
                    v.lastUse().flatMap(LastUse::userAgent).getOrNull(),
                    v.revokedAt().getOrNull(),
                    v.revocationReason().getOrNull(),
                    v.status(),
                    seat.assigned(),
                    seat.machine().map(MachineId::value).getOrNull(),
                    seat.assignedAt().getOrNull(),
                    seat.lastActivityAt().getOrNull(),
                    seat.autoReleaseAt().getOrNull());
        }

        static LicensingModel.AccountSeen seen(AccountView v) {
            return new LicensingModel.AccountSeen(
                    v.id().value(),
                    v.email(),
                    v.plan(),
                    v.subscription(),
                    v.integrationTokenLimit(),
                    v.integrationTokensInUse(),
                    v.releaseLimit(),
                    v.releaseWindow(),
                    v.nextReleaseAt().getOrNull(),
                    v.canCreateTokens(),
                    v.createdAt());
        }

        private AccountView accountView(String account) {
            return uc.getAccount()
                    .getAccount(new GetAccountUseCase.Query(new AccountId(account)))
                    .getOrElseThrow(() -> new AssertionError("the account " + account + " is gone"));
        }

        private TokenView ownerView(Tok t) {
            return TestApplication.expect(
                    uc.getToken().getToken(new GetTokenUseCase.Query(new AccountId(t.account), new TokenId(t.id))),
                    "get a token as its owner");
        }

        // ---- choices ---------------------------------------------------------------------------

        private void count(String command, Either<Refusal, ?> answer) {
            count(command, answer.isRight() ? "OK" : answer.getLeft().code());
        }

        private void count(String command, String outcome) {
            stats.merge(command + ":" + outcome, 1, Integer::sum);
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[rnd.nextInt(choices.length)];
        }

        private String pickAccount() {
            return accounts.get(rnd.nextInt(accounts.size()));
        }

        private String otherAccount(String owner) {
            var others = accounts.stream().filter(a -> !a.equals(owner)).toList();
            return others.get(rnd.nextInt(others.size()));
        }

        private Tok pickToken() {
            var all = new ArrayList<>(model.tokens.values());
            return all.get(rnd.nextInt(all.size()));
        }

        private Tok pickLiveTokenMostly() {
            var live = model.tokens.values().stream().filter(t -> !t.revoked).toList();
            if (!live.isEmpty() && rnd.nextInt(100) < 80) {
                return live.get(rnd.nextInt(live.size()));
            }
            return pickToken();
        }

        private Tok pickTokenPreferringAssigned() {
            var assigned =
                    model.tokens.values().stream().filter(model::assignedNow).toList();
            if (!assigned.isEmpty() && rnd.nextInt(100) < 70) {
                return assigned.get(rnd.nextInt(assigned.size()));
            }
            return pickToken();
        }

        private String pickMachine() {
            int r = rnd.nextInt(100);
            if (r < 88) {
                return MACHINES.get(rnd.nextInt(MACHINES.size()));
            }
            if (r < 91) {
                return ODD_VALID_MACHINES.get(rnd.nextInt(ODD_VALID_MACHINES.size()));
            }
            return INVALID_MACHINES.get(rnd.nextInt(INVALID_MACHINES.size()));
        }

        private String pickName() {
            if (rnd.nextInt(100) < 78) {
                return "build server " + rnd.nextInt(100);
            }
            return pick(
                    "",
                    "   ",
                    null,
                    "  padded name  ",
                    "x".repeat(100),
                    "x".repeat(101),
                    "evil\u202Ename",
                    "zero\u200Bwidth",
                    "bell\u0007",
                    "\uD83D\uDE00".repeat(100),
                    "\uD83D\uDE00".repeat(101),
                    "Grafik-Abteilung Zürich");
        }

        private String pickAssignee() {
            int r = rnd.nextInt(100);
            if (r < 70) {
                return null;
            }
            return pick("  ", "Team Graphics", " design dept ", "a".repeat(100), "a".repeat(101), "x\u200Ey");
        }

        private String randomBody() {
            var body = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                body.append(LicensingModel.BASE62.charAt(rnd.nextInt(62)));
            }
            return body.toString();
        }

        private static TokenKind other(TokenKind kind) {
            return kind == TokenKind.API ? TokenKind.INTEGRATION : TokenKind.API;
        }

        private static String quote(String s) {
            if (s == null) {
                return "null";
            }
            var shown = s.length() > 24 ? s.substring(0, 12) + "…(" + s.length() + " chars)" : s;
            return "\""
                    + shown.codePoints()
                            .mapToObj(cp -> cp < 0x20 || Character.getType(cp) == Character.FORMAT
                                    ? String.format("\\u%04X", cp)
                                    : new String(Character.toChars(cp)))
                            .collect(Collectors.joining())
                    + "\"";
        }

        private static String describe(Either<Refusal, ?> answer) {
            if (answer.isLeft()) {
                return refused(answer.getLeft()).toString();
            }
            var value = answer.get();
            if (value instanceof VerificationResult v) {
                return v.assignment() + " until " + v.autoReleaseAt();
            }
            if (value instanceof TokenView v) {
                return "OK " + v.status()
                        + (v.seat().assigned() ? " seat " + v.seat().machine().get() : " seat free");
            }
            if (value instanceof dev.seatwarden.application.port.in.TokenWithSecret t) {
                return "OK " + t.token().id();
            }
            return "OK " + Objects.toString(value);
        }
    }
}
