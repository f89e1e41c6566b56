package dev.seatwarden.benchmarks;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.PlanEligibility;
import dev.seatwarden.domain.account.SeatReleasePolicy;
import dev.seatwarden.domain.seat.InactivityPolicy;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.IntegrationSlotPolicy;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The domain policies on their own, with the default settings of {@code domain-rules.md}: the
 * checks a verification or a change runs besides its lookups.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

    /** Integration tokens of the ENTERPRISE account whose slots are counted (its default limit). */
    static final int INTEGRATION_TOKENS = 5;

    SeatReleasePolicy releases;
    InactivityPolicy inactivity;
    Instant now;
    Instant lastActivity;
    List<Instant> quotaUses;
    Account account;
    Seq<Token> tokens;

    @Setup(Level.Trial)
    public void setUp() {
        var settings = LicensingSettings.defaults();
        releases = SeatReleasePolicy.from(settings);
        inactivity = InactivityPolicy.from(settings);
        now = Seatwarden.NOW;
        lastActivity = now.minus(Duration.ofDays(3));
        // one release that still counts and two that no longer do: R14 refuses until the first ends
        quotaUses =
                List.of(now.minus(Duration.ofHours(2)), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(9)));
        var seatwarden = new Seatwarden();
        var owner = seatwarden.account(Plan.ENTERPRISE);
        for (int i = 0; i < INTEGRATION_TOKENS; i++) {
            seatwarden.token(owner, TokenKind.INTEGRATION, "integration " + i);
        }
        account = seatwarden.adapters().accounts().findById(owner.id()).get();
        tokens = seatwarden.adapters().tokens().ofAccount(owner.id());
    }

    /** R14: a manual release two hours after the last one, refused with the moment to retry. */
    @Benchmark
    public Either<Refusal, Instant> seatRelease() {
        return releases.check(quotaUses, now);
    }

    /** R13: whether a seat last active 3 days ago is free now. */
    @Benchmark
    public boolean inactivity() {
        return inactivity.isInactive(lastActivity, now);
    }

    /** R7: the integration slots an account's tokens hold, and whether one more may be made. */
    @Benchmark
    public Either<Refusal, TokenKind> integrationSlot() {
        int inUse = IntegrationSlotPolicy.slotsInUse(tokens, now);
        return IntegrationSlotPolicy.check(TokenKind.INTEGRATION, INTEGRATION_TOKENS, inUse);
    }

    /** R1, R2: whether the account may create and use tokens. */
    @Benchmark
    public Either<Refusal, Account> planEligibility() {
        return PlanEligibility.check(account);
    }
}
