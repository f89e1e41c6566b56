package dev.seatwarden.benchmarks;

import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import java.security.SecureRandom;
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
 * The secret's own costs (R5, R6): making one from a CSPRNG, the offline format check every
 * verification starts with, and the SHA-256 under which it is stored and looked up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecretBenchmark {

    SecureRandomSecretGenerator generator;
    Sha256SecretHasher hasher;
    Secret secret;
    String raw;

    @Setup(Level.Trial)
    public void setUp() {
        generator = new SecureRandomSecretGenerator(new SecureRandom());
        hasher = new Sha256SecretHasher();
        secret = generator.generate(TokenKind.API);
        raw = secret.reveal();
    }

    /** A new secret: 32 draws from {@code SecureRandom}, then the CRC-32 checksum (R6). */
    @Benchmark
    public Secret generate() {
        return generator.generate(TokenKind.API);
    }

    /** The offline check of a valid secret: prefix, length, alphabet, checksum (R6). */
    @Benchmark
    public Either<Refusal, Secret> parse() {
        return SecretFormat.parse(raw);
    }

    /** SHA-256 of the secret, in lower-case hex (R5). */
    @Benchmark
    public SecretHash hash() {
        return hasher.hash(secret);
    }
}
