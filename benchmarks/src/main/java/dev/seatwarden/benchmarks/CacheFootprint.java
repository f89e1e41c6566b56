package dev.seatwarden.benchmarks;

import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.token.TokenKind;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * The verification cache's memory with N live tokens (issue 7): every object the cache reaches,
 * measured by JOL ({@link GraphLayout}), after N tokens were each verified from the machine holding
 * their seat, so that the cache holds the facts (token, account, seat) of all N. Each token has an
 * account of its own: a server's cache holds a copy of the account per token, read with it, where
 * the in-memory store would share one account between its tokens' entries.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.seatwarden.benchmarks.CacheFootprint
 * [tokens]} (default 10 000, the cache's bound: {@code VerificationCaching.defaults()}).
 */
public final class CacheFootprint {

    /** The cache's size with {@code tokens} tokens' facts in it. */
    record Footprint(int tokens, long cachedFacts, long bytes, long objects, List<ClassShare> largest) {
        long bytesPerToken() {
            return bytes / tokens;
        }
    }

    /** What one class's instances take, in bytes, and how many there are. */
    record ClassShare(String name, long bytes, long count) {}

    static {
        // Caffeine's lambdas are hidden classes, whose field offsets Unsafe will not give: JOL
        // then finds them by its own probing (read once, when JOL first starts)
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
    }

    private CacheFootprint() {}

    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var footprint = measure(tokens);
        System.out.printf(
                "tokens %d, facts in the cache %d: %d bytes in %d objects, %d bytes a token%n",
                footprint.tokens(),
                footprint.cachedFacts(),
                footprint.bytes(),
                footprint.objects(),
                footprint.bytesPerToken());
        System.out.println("largest shares (class, bytes, objects):");
        for (var share : footprint.largest()) {
            System.out.printf("  %-70s %12d %9d%n", share.name(), share.bytes(), share.count());
        }
    }

    /**
     * Makes {@code tokens} accounts of one token each, takes each token's seat (the first use,
     * which writes and so caches nothing), verifies each once more (read-only: cached), then
     * measures everything the cache reaches.
     */
    static Footprint measure(int tokens) {
        var seatwarden = new Seatwarden();
        var commands = new ArrayList<VerifyTokenUseCase.Command>(tokens);
        for (int i = 0; i < tokens; i++) {
            var owner = seatwarden.account(Plan.PRO);
            var token = seatwarden.token(owner, TokenKind.API, "token " + i);
            var command = Seatwarden.verification(token.secret().reveal(), "machine-" + i);
            seatwarden.verifyAccepted(command);
            commands.add(command);
        }
        // the second pass changes nothing (same machine, the clock stands still): each one's facts
        // are kept; it takes well under the cache's 2 s time to live, and nothing expires unasked
        for (var command : commands) {
            seatwarden.verifyAccepted(command);
        }
        var cache = cacheOf(seatwarden.useCases());
        var layout = GraphLayout.parseInstance(cache);
        var sizes = layout.getClassSizes();
        var counts = layout.getClassCounts();
        long facts = 0;
        var shares = new ArrayList<ClassShare>();
        for (var klass : layout.getClasses()) {
            if (klass.getName().endsWith("VerificationCache$Facts")) {
                facts = counts.count(klass);
            }
            shares.add(new ClassShare(klass.getName(), sizes.count(klass), counts.count(klass)));
        }
        shares.sort(Comparator.comparingLong(ClassShare::bytes).reversed());
        return new Footprint(
                tokens,
                facts,
                layout.totalSize(),
                layout.totalCount(),
                List.copyOf(shares.subList(0, Math.min(12, shares.size()))));
    }

    /**
     * The {@code VerificationCache} inside {@code useCases} (package-private in the application,
     * so found by its class's name, one level down: the verification service holds it).
     */
    private static Object cacheOf(UseCases useCases) {
        try {
            for (Field service : UseCases.class.getDeclaredFields()) {
                service.setAccessible(true);
                var held = service.get(useCases);
                if (held == null) {
                    continue;
                }
                for (Field field : held.getClass().getDeclaredFields()) {
                    if (field.getType().getName().endsWith(".VerificationCache")) {
                        field.setAccessible(true);
                        return field.get(held);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the verification cache", e);
        }
        throw new IllegalStateException("no VerificationCache inside UseCases");
    }
}
