package dev.seatwarden.application.service;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.GetTokenUseCase;
import dev.seatwarden.application.port.in.ListAccountsUseCase;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.port.in.ListTokensUseCase;
import dev.seatwarden.application.port.in.OperatorReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.RotateTokenUseCase;
import dev.seatwarden.application.port.in.SweepInactiveSeatsUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.shared.LicensingSettings;

/**
 * The one public door to the application: give it the out-ports and the settings, take the
 * use cases. Embedding teams and the server's bootstrap both start here.
 */
public final class UseCases {

    private final AccountService accounts;
    private final TokenService tokens;
    private final SeatService seats;
    private final VerificationService verification;
    private final AuditService audit;

    private final Ports ports;
    private final UnitOfWork work;

    private UseCases(Ports given, LicensingSettings settings, VerificationCaching caching, Ticker ticker) {
        var licensing = new Licensing(settings);
        var cache = new VerificationCache(caching, ticker);
        this.ports = caching.enabled() ? new ChangeAnnouncer(cache).watch(given) : given;
        this.work = new UnitOfWork(ports.transactions());
        var views = new Views(licensing);
        this.accounts = new AccountService(ports, work, views);
        this.tokens = new TokenService(ports, work, views, licensing);
        this.seats = new SeatService(ports, work, views, licensing);
        this.verification = new VerificationService(ports, work, licensing, cache);
        this.audit = new AuditService(ports);
    }

    /**
     * The use cases over {@code ports}, applying the rules with {@code settings}, with verifications
     * cached as {@link VerificationCaching#defaults()} says.
     */
    public static UseCases create(Ports ports, LicensingSettings settings) {
        return create(ports, settings, VerificationCaching.defaults());
    }

    /** The use cases over {@code ports}, applying the rules with {@code settings}, caching as {@code caching} says. */
    public static UseCases create(Ports ports, LicensingSettings settings, VerificationCaching caching) {
        return new UseCases(ports, settings, caching, Ticker.systemTicker());
    }

    /** For tests: the cache's time read from {@code ticker} (nanoseconds). */
    static UseCases create(Ports ports, LicensingSettings settings, VerificationCaching caching, Ticker ticker) {
        return new UseCases(ports, settings, caching, ticker);
    }

    /** The out-ports as the use cases see them (changes announced to the cache). */
    Ports ports() {
        return ports;
    }

    /** The use cases' unit of work, for the sign-in use cases beside them. */
    UnitOfWork work() {
        return work;
    }

    /** The account service itself, for the sign-in use cases that extend account creation. */
    AccountService accountService() {
        return accounts;
    }

    public CreateAccountUseCase createAccount() {
        return accounts;
    }

    public ChangeAccountUseCase changeAccount() {
        return accounts;
    }

    public GetAccountUseCase getAccount() {
        return accounts;
    }

    public ListAccountsUseCase listAccounts() {
        return accounts;
    }

    public CreateTokenUseCase createToken() {
        return tokens;
    }

    public ListTokensUseCase listTokens() {
        return tokens;
    }

    public GetTokenUseCase getToken() {
        return tokens;
    }

    public RevokeTokenUseCase revokeToken() {
        return tokens;
    }

    public RotateTokenUseCase rotateToken() {
        return tokens;
    }

    public ReleaseSeatUseCase releaseSeat() {
        return seats;
    }

    public OperatorReleaseSeatUseCase operatorReleaseSeat() {
        return seats;
    }

    public SweepInactiveSeatsUseCase sweepInactiveSeats() {
        return seats;
    }

    public VerifyTokenUseCase verifyToken() {
        return verification;
    }

    public ReportLeakedSecretsUseCase reportLeakedSecrets() {
        return verification;
    }

    public ListAuditEventsUseCase listAuditEvents() {
        return audit;
    }
}
