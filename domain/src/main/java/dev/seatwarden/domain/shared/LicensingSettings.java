package dev.seatwarden.domain.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * Every number of {@code domain-rules.md} that is configuration rather than law, with the
 * documented defaults in {@link #defaults()}.
 *
 * @param recentUseWindow R10: a token verified within this window is {@code IN_RECENT_USE}
 * @param inactivityPeriod R13: a seat this long without activity is free
 * @param manualReleaseLimit R14: quota-using events allowed in one rolling window (at least 1)
 * @param manualReleaseWindow R14: the length of the rolling window
 * @param reactivationUsesQuota R15: whether a re-activation counts like a manual release
 * @param useRecordingGranularity R10: after the first use, last use and seat activity are
 *     written again only once this much time has passed, so the hot path need not write
 * @param maxRotationGrace R19: the longest grace period a rotation may grant the old secret
 * @param starterIntegrationLimit R7: default integration token limit of a STARTER account
 * @param proIntegrationLimit R7: default integration token limit of a PRO account
 * @param enterpriseIntegrationLimit R7: default integration token limit of an ENTERPRISE account
 */
public record LicensingSettings(
        Duration recentUseWindow,
        Duration inactivityPeriod,
        int manualReleaseLimit,
        Duration manualReleaseWindow,
        boolean reactivationUsesQuota,
        Duration useRecordingGranularity,
        Duration maxRotationGrace,
        int starterIntegrationLimit,
        int proIntegrationLimit,
        int enterpriseIntegrationLimit) {

    public LicensingSettings {
        positive(recentUseWindow, "recentUseWindow");
        positive(inactivityPeriod, "inactivityPeriod");
        positive(manualReleaseWindow, "manualReleaseWindow");
        Objects.requireNonNull(useRecordingGranularity, "useRecordingGranularity");
        Objects.requireNonNull(maxRotationGrace, "maxRotationGrace");
        if (useRecordingGranularity.isNegative() || maxRotationGrace.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (manualReleaseLimit < 1) {
            throw new IllegalArgumentException("manualReleaseLimit must be at least 1");
        }
        if (starterIntegrationLimit < 0 || proIntegrationLimit < 0 || enterpriseIntegrationLimit < 0) {
            throw new IllegalArgumentException("integration limits must not be negative");
        }
    }

    /** The defaults of {@code domain-rules.md}. */
    public static LicensingSettings defaults() {
        return new LicensingSettings(
                Duration.ofDays(7),
                Duration.ofDays(14),
                1,
                Duration.ofHours(24),
                true,
                Duration.ofSeconds(60),
                Duration.ofHours(24),
                0,
                1,
                5);
    }

    /** The same settings with another R14 limit of manual releases per window. */
    public LicensingSettings withManualReleaseLimit(int limit) {
        return new LicensingSettings(
                recentUseWindow,
                inactivityPeriod,
                limit,
                manualReleaseWindow,
                reactivationUsesQuota,
                useRecordingGranularity,
                maxRotationGrace,
                starterIntegrationLimit,
                proIntegrationLimit,
                enterpriseIntegrationLimit);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
