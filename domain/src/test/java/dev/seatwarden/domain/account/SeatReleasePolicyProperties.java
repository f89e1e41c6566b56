package dev.seatwarden.domain.account;

import static dev.seatwarden.domain.fixtures.DomainGenerators.BASE;
import static dev.seatwarden.domain.fixtures.DomainGenerators.durations;
import static dev.seatwarden.domain.fixtures.DomainGenerators.generatedSettings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** R14 (with R15's quota uses) and its R18 boundary: manual releases per rolling window. */
class SeatReleasePolicyProperties {

    private static final int EXAMPLES = 300;

    /** Policies of the documented default, and of generated limits and windows. */
    private static final Gen<SeatReleasePolicy> POLICIES = Generate.oneOf(
            arbitrary().constant(SeatReleasePolicy.from(LicensingSettings.defaults())),
            integers().between(1, 4).zip(durations(Duration.ofNanos(1), Duration.ofDays(7)), SeatReleasePolicy::new),
            generatedSettings().map(SeatReleasePolicy::from));

    /** A policy, a moment and up to 8 quota uses from two windows before it up to it. */
    record History(SeatReleasePolicy policy, Instant now, List<Instant> uses) {}

    private static final Gen<History> HISTORIES = POLICIES.zip(
            instants(), lists().of(longs().between(0, 1_000_000)).ofSizeBetween(0, 8), (policy, now, fractions) -> {
                // offsets as fractions of two windows, so that some uses count and some do not
                long span = policy.window().toNanos() * 2;
                var uses = List.ofAll(fractions).map(f -> now.minusNanos((long) (span * (f / 1_000_000.0))));
                return new History(policy, now, uses);
            });

    /** How many uses lie in the window that ends at {@code t}: {@code t - window < use <= t}. */
    private static long inWindowEndingAt(SeatReleasePolicy policy, List<Instant> uses, Instant t) {
        return uses.count(use -> use.isAfter(t.minus(policy.window())) && !use.isAfter(t));
    }

    /** R14's retryAt, computed independently: the limit-th newest counting use plus the window. */
    private static Option<Instant> expectedRetryAt(SeatReleasePolicy policy, List<Instant> uses, Instant now) {
        var counting =
                uses.filter(use -> use.isAfter(now.minus(policy.window()))).sorted(java.util.Comparator.reverseOrder());
        return counting.size() < policy.limit()
                ? Option.none()
                : Option.some(counting.get(policy.limit() - 1).plus(policy.window()));
    }

    @Test
    void R14_retry_at_agrees_with_an_independent_computation() {
        qt().withExamples(EXAMPLES).forAll(HISTORIES).checkAssert(h -> {
            var expected = expectedRetryAt(h.policy(), h.uses(), h.now());

            var checked = h.policy().check(h.uses(), h.now());

            if (expected.isEmpty()) {
                assertThat(checked.isRight()).isTrue();
            } else {
                assertThat(checked.getLeft()).isEqualTo(new Refusal.SeatReleaseRateLimited(expected.get()));
            }
            assertThat(h.policy().nextReleaseAt(h.uses(), h.now())).isEqualTo(expected);
        });
    }

    @Test
    void R14_retry_at_is_the_earliest_moment_the_window_ending_then_holds_fewer_than_the_limit() {
        qt().withExamples(EXAMPLES).forAll(HISTORIES).checkAssert(h -> {
            var policy = h.policy();
            var retryAt = policy.nextReleaseAt(h.uses(), h.now());

            if (retryAt.isEmpty()) {
                assertThat(inWindowEndingAt(policy, h.uses(), h.now())).isLessThan(policy.limit());
            } else {
                assertThat(inWindowEndingAt(policy, h.uses(), h.now())).isGreaterThanOrEqualTo(policy.limit());
                assertThat(retryAt.get()).isAfter(h.now());
                assertThat(inWindowEndingAt(policy, h.uses(), retryAt.get())).isLessThan(policy.limit());
                assertThat(inWindowEndingAt(policy, h.uses(), retryAt.get().minusNanos(1)))
                        .isGreaterThanOrEqualTo(policy.limit());
                assertThat(policy.check(h.uses(), retryAt.get()).isRight()).isTrue();
                assertThat(policy.check(h.uses(), retryAt.get().minusNanos(1)).isLeft())
                        .isTrue();
            }
        });
    }

    @Test
    void R14_at_most_one_manual_release_in_any_24_hours() {
        var policy = SeatReleasePolicy.from(LicensingSettings.defaults());
        Gen<Duration> gaps = Generate.oneOf(
                durations(Duration.ZERO, Duration.ofHours(30)),
                arbitrary().pick(Duration.ofHours(24), Duration.ofHours(24).minusNanos(1)));
        qt().withExamples(EXAMPLES)
                .forAll(lists().of(gaps).ofSizeBetween(1, 20))
                .checkAssert(attempts -> {
                    var accepted = acceptedReleases(policy, attempts);

                    for (int i = 1; i < accepted.size(); i++) {
                        assertThat(Duration.between(accepted.get(i - 1), accepted.get(i)))
                                .isGreaterThanOrEqualTo(Duration.ofHours(24));
                    }
                });
    }

    @Test
    void R14_at_most_the_limit_of_quota_uses_lie_in_any_rolling_window_and_none_is_refused_needlessly() {
        Gen<java.util.List<Long>> fractions =
                lists().of(longs().between(0, 1_000)).ofSizeBetween(1, 25);
        qt().withExamples(EXAMPLES).forAll(POLICIES, fractions).checkAssert((policy, steps) -> {
            // steps as fractions of the window, so that windows fill and empty
            var attempts =
                    List.ofAll(steps).map(f -> policy.window().multipliedBy(f).dividedBy(400));

            var uses = List.<Instant>empty();
            var accepted = List.<Instant>empty();
            var now = BASE;
            for (var gap : attempts) {
                now = now.plus(gap);
                long before = inWindowEndingAt(policy, accepted, now);
                var checked = policy.check(uses, now);
                // refused exactly when the window ending now already holds the limit
                assertThat(checked.isRight()).isEqualTo(before < policy.limit());
                if (checked.isRight()) {
                    uses = policy.record(uses, now);
                    accepted = accepted.append(now);
                }
            }
            for (var end : accepted) {
                assertThat(inWindowEndingAt(policy, accepted, end)).isLessThanOrEqualTo(policy.limit());
            }
        });
    }

    @Test
    void R18_exactly_the_window_after_a_release_the_next_is_allowed_and_just_before_it_is_refused_with_that_time() {
        qt().withExamples(EXAMPLES).forAll(settings(), instants()).checkAssert((settings, releasedAt) -> {
            var policy = SeatReleasePolicy.from(settings);
            // fill the limit at one moment
            var uses = List.fill(settings.manualReleaseLimit(), releasedAt);
            var allowedAt = releasedAt.plus(settings.manualReleaseWindow());

            assertThat(policy.check(uses, allowedAt).isRight()).isTrue();
            for (var justBefore : List.of(allowedAt.minusNanos(1), allowedAt.minusMillis(1))) {
                assertThat(policy.check(uses, justBefore).getLeft())
                        .isEqualTo(new Refusal.SeatReleaseRateLimited(allowedAt));
            }
        });
    }

    @Test
    void R18_with_the_defaults_exactly_24_hours_after_a_release_the_next_is_allowed() {
        qt().withExamples(100).forAll(instants()).checkAssert(releasedAt -> {
            var policy = SeatReleasePolicy.from(LicensingSettings.defaults());
            var uses = policy.record(List.empty(), releasedAt);

            assertThat(policy.check(uses, releasedAt.plus(Duration.ofHours(24))).isRight())
                    .isTrue();
            assertThat(policy.check(uses, releasedAt.plus(Duration.ofHours(24)).minusNanos(1))
                            .getLeft())
                    .isEqualTo(new Refusal.SeatReleaseRateLimited(releasedAt.plus(Duration.ofHours(24))));
        });
    }

    @Test
    void R14_forgetting_uses_outside_the_window_changes_no_later_decision() {
        qt().withExamples(EXAMPLES)
                .forAll(HISTORIES, durations(Duration.ZERO, Duration.ofDays(8)))
                .checkAssert((h, later) -> {
                    var policy = h.policy();
                    var kept = policy.record(h.uses(), h.now());
                    var full = h.uses().append(h.now());
                    var then = h.now().plus(later);

                    assertThat(policy.nextReleaseAt(kept, then)).isEqualTo(policy.nextReleaseAt(full, then));
                    assertThat(kept).allMatch(use -> use.isAfter(h.now().minus(policy.window())));
                });
    }

    @Test
    void R14_an_accounts_quota_is_its_quota_uses_under_the_settings_policy() {
        qt().withExamples(EXAMPLES).forAll(settings(), instants()).checkAssert((settings, now) -> {
            var policy = SeatReleasePolicy.from(settings);
            var account = dev.seatwarden.domain.fixtures.DomainGenerators.eligibleAccount(new AccountId("acc_q"));

            var used = account;
            for (int i = 0; i < settings.manualReleaseLimit(); i++) {
                assertThat(used.nextReleaseAt(policy, now)).isEmpty();
                used = used.withQuotaUse(policy, now);
            }

            assertThat(used.nextReleaseAt(policy, now)).containsExactly(now.plus(settings.manualReleaseWindow()));
        });
    }

    private static java.util.List<Instant> acceptedReleases(SeatReleasePolicy policy, java.util.List<Duration> gaps) {
        var uses = List.<Instant>empty();
        var accepted = new java.util.ArrayList<Instant>();
        var now = BASE;
        for (var gap : gaps) {
            now = now.plus(gap);
            if (policy.check(uses, now).isRight()) {
                uses = policy.record(uses, now);
                accepted.add(now);
            }
        }
        return accepted;
    }
}
