package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.PasswordHash;
import dev.seatwarden.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords hashed with Argon2id (RFC 9106) by BouncyCastle, stored as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded Base64), so that a stored hash
 * keeps the parameters it was made with and stronger ones can come later.
 *
 * <p>Defaults: 19 MiB of memory, 2 passes, 1 lane: OWASP's minimum for Argon2id. It lives with
 * the database adapter because the PHC string is the form in which passwords are stored, and the
 * application stays free of libraries (BouncyCastle).
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** The most memory (1 GiB), passes and lanes a hash is made or checked with. */
    static final int MAX_MEMORY_KIB = 1024 * 1024;

    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    private final SecureRandom random;
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    /** OWASP's parameters: 19 MiB, 2 passes, 1 lane. */
    public Argon2idPasswordHasher(SecureRandom random) {
        this(random, 19 * 1024, 2, 1);
    }

    public Argon2idPasswordHasher(SecureRandom random, int memoryKiB, int iterations, int parallelism) {
        this.random = Objects.requireNonNull(random, "random");
        if (!withinBounds(memoryKiB, iterations, parallelism)) {
            // the bounds a stored hash is checked against too: a hash made outside them could never match
            throw new IllegalArgumentException("Argon2id takes 1 to " + MAX_PARALLELISM + " lanes, 8 KiB per lane to "
                    + MAX_MEMORY_KIB + " KiB of memory, and 1 to " + MAX_ITERATIONS + " passes");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public PasswordHash hash(String password) {
        var salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        var hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        return new PasswordHash("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash));
    }

    @Override
    public boolean matches(String password, PasswordHash stored) {
        var parsed = Phc.parse(stored.encoded());
        if (parsed == null) {
            // Not ours: still spend the time of a check, and say no.
            derive(password, new byte[SALT_BYTES], memoryKiB, iterations, parallelism, HASH_BYTES);
            return false;
        }
        var actual = derive(
                password, parsed.salt, parsed.memoryKiB, parsed.iterations, parsed.parallelism, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    private static byte[] derive(
            String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        var out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** Whether Argon2id can run with these parameters and they ask for a sane amount of work. */
    private static boolean withinBounds(int memoryKiB, int iterations, int parallelism) {
        return parallelism >= 1
                && parallelism <= MAX_PARALLELISM
                && memoryKiB >= 8 * parallelism
                && memoryKiB <= MAX_MEMORY_KIB
                && iterations >= 1
                && iterations <= MAX_ITERATIONS;
    }

    /** A PHC string's parts; null from {@link #parse} when it is not an Argon2id v19 string. */
    private record Phc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Phc parse(String encoded) {
            var parts = encoded.split("\\$", -1);
            if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = -1;
                int t = -1;
                int p = -1;
                for (var parameter : parts[3].split(",", -1)) {
                    var pair = parameter.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                var salt = DECODER.decode(parts[4]);
                var hash = DECODER.decode(parts[5]);
                // Bounds keep a corrupted row from asking for gigabytes or hours.
                if (!withinBounds(m, t, p) || salt.length < 8 || hash.length < 16) {
                    return null;
                }
                return new Phc(m, t, p, salt, hash);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
                return null;
            }
        }
    }
}
