package dev.seatwarden.application.testing;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.OperatorReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The application as a test drives it: the real use cases ({@link UseCases#create}) over in-memory
 * adapters and a {@link MutableClock}, with helpers so that a test reads like the product document.
 * Every secret it is shown is remembered in {@link #leaks()}.
 */
public final class TestApplication {

    /** Where every test application's clock starts: a Monday morning. */
    public static final Instant START = Instant.parse("2030-01-07T09:00:00Z");

    private final Ports ports;
    private final MutableClock clock;
    private final LicensingSettings settings;
    private final UseCases useCases;
    private final SecretLeaks leaks = new SecretLeaks();
    private final AtomicInteger accountsMade = new AtomicInteger();
    private final AtomicInteger tokensMade = new AtomicInteger();

    private TestApplication(Ports ports, MutableClock clock, LicensingSettings settings) {
        this(ports, clock, settings, given -> UseCases.create(given, settings));
    }

    private TestApplication(
            Ports ports, MutableClock clock, LicensingSettings settings, Function<Ports, UseCases> makeUseCases) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (ports.clock() != clock) {
            throw new IllegalArgumentException("the ports must read time from the test's clock");
        }
        this.useCases = makeUseCases.apply(ports);
    }

    /** The default rules of {@code domain-rules.md}, in memory. */
    public static TestApplication start() {
        return start(LicensingSettings.defaults());
    }

    /** Other settings, in memory. */
    public static TestApplication start(LicensingSettings settings) {
        var clock = new MutableClock(START);
        return new TestApplication(new InMemoryAdapters().ports(clock), clock, settings);
    }

    /** Over ports of the caller's making (decorated, deterministic…), which read time from {@code clock}. */
    public static TestApplication over(Ports ports, MutableClock clock, LicensingSettings settings) {
        return new TestApplication(ports, clock, settings);
    }

    /** Over ports of the caller's making, with use cases made by {@code useCases} (caching, for example). */
    public static TestApplication over(
            Ports ports, MutableClock clock, LicensingSettings settings, Function<Ports, UseCases> useCases) {
        return new TestApplication(ports, clock, settings, useCases);
    }

    /** Ports of in-memory {@code adapters} with deterministic secrets and ids, for replayable runs. */
    public static Ports deterministicPorts(InMemoryAdapters adapters, MutableClock clock, long seed) {
        return deterministicPorts(
                new Stores(
                        adapters.accounts(),
                        adapters.tokens(),
                        adapters.seats(),
                        adapters.auditLog(),
                        adapters.transactions()),
                clock,
                seed);
    }

    /**
     * Ports of any adapter family's {@code stores} with deterministic secrets and ids, for replayable
     * runs: the same seed over empty stores gives the same secrets and ids.
     */
    public static Ports deterministicPorts(Stores stores, MutableClock clock, long seed) {
        return new Ports(
                stores.accounts(),
                stores.tokens(),
                stores.seats(),
                stores.auditLog(),
                stores.transactions(),
                new SeededSecretGenerator(seed),
                new dev.seatwarden.application.security.Sha256SecretHasher(),
                new SequentialIdGenerator(),
                clock);
    }

    public UseCases useCases() {
        return useCases;
    }

    public Ports ports() {
        return ports;
    }

    public MutableClock clock() {
        return clock;
    }

    public LicensingSettings settings() {
        return settings;
    }

    public SecretLeaks leaks() {
        return leaks;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Lets {@code time} pass; answers the new now. */
    public Instant advance(Duration time) {
        return clock.advance(time);
    }

    // ---- accounts ------------------------------------------------------------------------------

    /** A new account on {@code plan}, its subscription active, with the plan's integration limit. */
    public AccountView accountOn(Plan plan) {
        return createAccount(plan, Option.none());
    }

    /** A new account on {@code plan} whose operator set the integration token limit to {@code limit}. */
    public AccountView accountOn(Plan plan, int integrationLimit) {
        return createAccount(plan, Option.some(integrationLimit));
    }

    private AccountView createAccount(Plan plan, Option<Integer> limit) {
        var email = "owner-" + accountsMade.incrementAndGet() + "@customer.example";
        return expect(
                useCases.createAccount().createAccount(new CreateAccountUseCase.Command(email, plan, limit)),
                "create an account");
    }

    /** The account as its owner sees it now. */
    public AccountView account(AccountId id) {
        return useCases.getAccount()
                .getAccount(new GetAccountUseCase.Query(id))
                .getOrElseThrow(() -> new AssertionError("no account " + id));
    }

    public AccountView changePlan(AccountView account, Plan plan) {
        return change(account, Option.some(plan), Option.none(), Option.none());
    }

    public AccountView lapse(AccountView account) {
        return change(account, Option.none(), Option.some(Subscription.LAPSED), Option.none());
    }

    public AccountView renew(AccountView account) {
        return change(account, Option.none(), Option.some(Subscription.ACTIVE), Option.none());
    }

    public AccountView setIntegrationLimit(AccountView account, int limit) {
        return change(account, Option.none(), Option.none(), Option.some(limit));
    }

    private AccountView change(
            AccountView account, Option<Plan> plan, Option<Subscription> subscription, Option<Integer> limit) {
        return expect(
                useCases.changeAccount()
                        .changeAccount(new ChangeAccountUseCase.Command(account.email(), plan, subscription, limit)),
                "change the account");
    }

    // ---- tokens --------------------------------------------------------------------------------

    /** Tries to create a token named {@code name}, never expiring, for no assignee. */
    public Either<Refusal, TokenWithSecret> tryCreateToken(AccountId owner, TokenKind kind, String name) {
        return tryCreateToken(owner, kind, name, Option.none());
    }

    public Either<Refusal, TokenWithSecret> tryCreateToken(
            AccountId owner, TokenKind kind, String name, Option<Instant> expiresAt) {
        var created =
                useCases.createToken().createToken(new CreateTokenUseCase.Command(owner, name, kind, null, expiresAt));
        created.forEach(t -> leaks.shown(t.secret()));
        return created;
    }

    /** A new API token of {@code owner}; fails the test if refused. */
    public TokenWithSecret createApiToken(AccountId owner) {
        return createToken(owner, TokenKind.API);
    }

    /** A new integration token of {@code owner}; fails the test if refused. */
    public TokenWithSecret createIntegrationToken(AccountId owner) {
        return createToken(owner, TokenKind.INTEGRATION);
    }

    public TokenWithSecret createToken(AccountId owner, TokenKind kind) {
        return expect(
                tryCreateToken(owner, kind, kind.name().toLowerCase() + " token " + tokensMade.incrementAndGet()),
                "create a token");
    }

    /** A token that expires at {@code expiresAt}; fails the test if refused. */
    public TokenWithSecret createExpiringToken(AccountId owner, TokenKind kind, Instant expiresAt) {
        return expect(
                tryCreateToken(owner, kind, "expiring token " + tokensMade.incrementAndGet(), Option.some(expiresAt)),
                "create an expiring token");
    }

    /** The token as {@code actor} sees it (R9: only its creator sees it). */
    public Either<Refusal, TokenView> getToken(AccountId actor, TokenId token) {
        return useCases.getToken().getToken(new GetTokenUseCase.Query(actor, token));
    }

    /** The token as its owner sees it now; fails the test if it cannot. */
    public TokenView token(AccountId owner, TokenId token) {
        return expect(getToken(owner, token), "get the token");
    }

    public Either<Refusal, TokenView> revoke(AccountId actor, TokenId token) {
        return useCases.revokeToken().revokeToken(new RevokeTokenUseCase.Command(actor, token));
    }

    public Either<Refusal, TokenWithSecret> rotate(AccountId actor, TokenId token, long graceMinutes) {
        var rotated = useCases.rotateToken().rotateToken(new RotateTokenUseCase.Command(actor, token, graceMinutes));
        rotated.forEach(t -> leaks.shown(t.secret()));
        return rotated;
    }

    public Either<Refusal, TokenView> release(AccountId actor, TokenId token) {
        return useCases.releaseSeat().releaseSeat(new ReleaseSeatUseCase.Command(actor, token));
    }

    public Either<Refusal, TokenView> releaseAsOperator(TokenId token, String reason) {
        return useCases.operatorReleaseSeat()
                .releaseSeatAsOperator(new OperatorReleaseSeatUseCase.Command(token, reason));
    }

    public int sweep() {
        return useCases.sweepInactiveSeats().sweep();
    }

    public Either<Refusal, Integer> reportLeaked(String... secrets) {
        return reportLeaked(List.of(secrets));
    }

    public Either<Refusal, Integer> reportLeaked(List<String> secrets) {
        return useCases.reportLeakedSecrets().reportLeaked(new ReportLeakedSecretsUseCase.Command(secrets));
    }

    // ---- verification --------------------------------------------------------------------------

    /** Verifies {@code token}'s current secret from {@code machine}, on the surface of its kind. */
    public Either<Refusal, VerificationResult> verify(TokenWithSecret token, String machine) {
        return verify(token.token().kind(), token.secret().reveal(), machine);
    }

    /** Verifies {@code secret} from {@code machine} on the surface accepting {@code surface} tokens. */
    public Either<Refusal, VerificationResult> verify(TokenKind surface, String secret, String machine) {
        return useCases.verifyToken()
                .verify(new VerifyTokenUseCase.Command(
                        surface,
                        Option.of(secret),
                        Option.of(machine),
                        Option.some("203.0.113.10"),
                        Option.some("seatwarden-test/1.0")));
    }

    // ---- audit ---------------------------------------------------------------------------------

    /** Every audit event of {@code owner}'s account, newest first, read page by page. */
    public List<AuditEventView> auditEvents(AccountId owner) {
        var all = List.<AuditEventView>empty();
        var before = Option.<String>none();
        while (true) {
            var page = expect(
                    useCases.listAuditEvents().listAuditEvents(new ListAuditEventsUseCase.Query(owner, 200, before)),
                    "list audit events");
            all = all.appendAll(page.events());
            if (page.next().isEmpty()) {
                return all;
            }
            before = page.next();
        }
    }

    /** The value of an accepted answer; fails the test with the refusal's code otherwise. */
    public static <T> T expect(Either<Refusal, T> answer, String what) {
        if (answer.isLeft()) {
            throw new AssertionError(
                    "could not " + what + ": " + answer.getLeft().code() + " " + answer.getLeft());
        }
        return answer.get();
    }
}
