package dev.seatwarden.benchmarks;

import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process verification ({@code VerifyTokenUseCase}) over the in-memory adapters, on a clock
 * that stands still: what a server does per {@code POST /v1/auth/verify} minus HTTP, JSON and the
 * database. Issue 7's goal: {@link #steadyState} at 300 000 operations/s or more on one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerifyBenchmark {

    /** One token whose seat the machine already holds, used 0 s ago by the still clock. */
    @State(Scope.Thread)
    public static class OneToken {
        Seatwarden seatwarden;
        VerifyTokenUseCase verify;
        VerifyTokenUseCase.Command sameMachine;
        VerifyTokenUseCase.Command malformed;
        VerifyTokenUseCase.Command unknown;

        @Setup(Level.Trial)
        public void setUp() {
            seatwarden = new Seatwarden();
            verify = seatwarden.useCases().verifyToken();
            var owner = seatwarden.account(Plan.PRO);
            var token = seatwarden.token(owner, TokenKind.API, "build server");
            sameMachine = Seatwarden.verification(token.secret().reveal(), "build-server-1");
            var first = seatwarden.verifyAccepted(sameMachine);
            if (first.assignment() != Assignment.NEW) {
                throw new IllegalStateException("the first verification must take the seat");
            }
            // R6: the right length and prefix, but a checksum that does not match (BenchmarksTest checks)
            malformed = Seatwarden.verification("swa_" + "A".repeat(SecretFormat.LENGTH - 4), "build-server-1");
            // well-formed (prefix, base62, checksum) but never issued
            var neverIssued = SecretFormat.generate(TokenKind.API, bound -> 7);
            unknown = Seatwarden.verification(neverIssued.reveal(), "build-server-1");
        }
    }

    /**
     * 10 000 tokens (a {@code @Param}), each seated on its own machine, 100 to an account: making
     * a token lists its account's tokens (R7), so one account of 10 000 would make the setup
     * quadratic.
     */
    @State(Scope.Thread)
    public static class ManyTokens {
        static final int TOKENS_PER_ACCOUNT = 100;

        @Param("10000")
        int tokens;

        VerifyTokenUseCase verify;
        VerifyTokenUseCase.Command[] commands;

        @Setup(Level.Trial)
        public void setUp() {
            var seatwarden = new Seatwarden();
            verify = seatwarden.useCases().verifyToken();
            commands = new VerifyTokenUseCase.Command[tokens];
            AccountView owner = null;
            for (int i = 0; i < tokens; i++) {
                if (i % TOKENS_PER_ACCOUNT == 0) {
                    owner = seatwarden.account(Plan.ENTERPRISE);
                }
                var token = seatwarden.token(owner, TokenKind.API, "token " + i);
                commands[i] = Seatwarden.verification(token.secret().reveal(), "machine-" + i);
                seatwarden.verifyAccepted(commands[i]);
            }
        }
    }

    /**
     * 1 000 tokens (a {@code @Param}), each seated on its own machine, 100 to an account, in one
     * Seatwarden that every benchmark thread shares: as a server's request threads share theirs.
     */
    @State(Scope.Benchmark)
    public static class SharedTokens {
        @Param("1000")
        int tokens;

        VerifyTokenUseCase verify;
        VerifyTokenUseCase.Command[] commands;

        @Setup(Level.Trial)
        public void setUp() {
            var many = new ManyTokens();
            many.tokens = tokens;
            many.setUp();
            verify = many.verify;
            commands = many.commands;
        }
    }

    /**
     * The hot path: the same token from the same machine, its last use recorded under 60 s ago
     * (R10), so the verification writes nothing.
     */
    @Benchmark
    public Either<Refusal, VerificationResult> steadyState(OneToken state) {
        return state.verify.verify(state.sameMachine);
    }

    /** R6: refused offline, before any lookup. */
    @Benchmark
    public Either<Refusal, VerificationResult> refusedMalformed(OneToken state) {
        return state.verify.verify(state.malformed);
    }

    /** A well-formed secret that no token has: hashed, looked up, refused. */
    @Benchmark
    public Either<Refusal, VerificationResult> refusedUnknown(OneToken state) {
        return state.verify.verify(state.unknown);
    }

    /** A random one of 10 000 seated tokens, each from its own machine: steady state, bigger maps. */
    @Benchmark
    public Either<Refusal, VerificationResult> manyTokens(ManyTokens state) {
        return anyOf(state.verify, state.commands);
    }

    /**
     * A random one of the shared tokens, from one thread: the baseline of {@link #sharedTwoThreads}
     * (the same work, in the same run).
     */
    @Benchmark
    @Threads(1)
    public Either<Refusal, VerificationResult> sharedOneThread(SharedTokens state) {
        return anyOf(state.verify, state.commands);
    }

    /**
     * The same from two threads at once over the same Seatwarden (JMH reports their sum). On two
     * cores, twice {@link #sharedOneThread} is the ceiling; less is what the threads cost each
     * other (locks, shared counters, the cache's buffers).
     */
    @Benchmark
    @Threads(2)
    public Either<Refusal, VerificationResult> sharedTwoThreads(SharedTokens state) {
        return anyOf(state.verify, state.commands);
    }

    /** The verification of a random one of {@code commands}. */
    private static Either<Refusal, VerificationResult> anyOf(
            VerifyTokenUseCase verify, VerifyTokenUseCase.Command[] commands) {
        return verify.verify(commands[ThreadLocalRandom.current().nextInt(commands.length)]);
    }
}
