package dev.seatwarden.application.testing;

import java.util.SplittableRandom;
import org.quicktheories.QuickTheory;

/**
 * The seed of randomised tests: {@code -Dseatwarden.seed=…} replays a run, otherwise each run
 * draws a fresh one (and the test prints it when it fails).
 */
public final class Seeds {

    /** The system property that fixes the seed. */
    public static final String PROPERTY = "seatwarden.seed";

    private Seeds() {}

    /** Whether a seed was given on the command line. */
    public static boolean given() {
        var raw = System.getProperty(PROPERTY);
        return raw != null && !raw.isBlank();
    }

    /** The seed given with {@code -Dseatwarden.seed}, else a fresh random one. */
    public static long seed() {
        return given() ? Long.parseLong(System.getProperty(PROPERTY).trim()) : new SplittableRandom().nextLong();
    }

    /**
     * QuickTheories with the given seed, if any; else its own random seed, which it prints on failure
     * (and which {@code -DQT_SEED=…} replays).
     */
    public static QuickTheory qt() {
        return given() ? QuickTheory.qt().withFixedSeed(seed()) : QuickTheory.qt();
    }
}
