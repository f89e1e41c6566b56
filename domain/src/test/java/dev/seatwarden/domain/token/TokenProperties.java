package dev.seatwarden.domain.token;

import static dev.seatwarden.domain.fixtures.DomainGenerators.ACCOUNT;
import static dev.seatwarden.domain.fixtures.DomainGenerators.durations;
import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.lastUse;
import static dev.seatwarden.domain.fixtures.DomainGenerators.machineIds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.steps;
import static dev.seatwarden.domain.fixtures.DomainGenerators.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The token aggregate: R5, R7, R8, R10, R18 (recent use), R19, R20. */
class TokenProperties {

    private static final int EXAMPLES = 300;

    private static final Gen<TokenKind> KINDS = arbitrary().enumValues(TokenKind.class);

    /** Offsets from a moment: zero, a few nanoseconds, around a minute, days. */
    private static final Gen<Duration> OFFSETS = Generate.oneOf(
            arbitrary().constant(Duration.ZERO),
            durations(Duration.ofNanos(1), Duration.ofNanos(3)),
            durations(Duration.ZERO, Duration.ofMinutes(2)),
            durations(Duration.ZERO, Duration.ofDays(20)));

    /** A token state relative to a moment {@code now}: each field chosen independently. */
    record State(
            boolean revoked,
            Option<Duration> expiryFromNow,
            boolean expiryPassed,
            Option<Duration> lastUseBeforeNow,
            LicensingSettings settings) {}

    private static final Gen<State> STATES = in -> new State(
            booleans().all().generate(in),
            OFFSETS.toOptionals(30).generate(in).map(Option::some).orElse(Option.none()),
            booleans().all().generate(in),
            OFFSETS.toOptionals(30).generate(in).map(Option::some).orElse(Option.none()),
            settings().generate(in));

    private static Token tokenIn(State state, long seed, Instant now) {
        var createdAt = now.minus(Duration.ofDays(30));
        var expiry = state.expiryFromNow()
                .map(d -> state.expiryPassed() ? now.minus(d) : now.plus(d).plusNanos(1));
        var created = token(ACCOUNT, new TokenId("tok_s"), secret(TokenKind.API, seed), expiry, createdAt);
        var used = state.lastUseBeforeNow()
                .map(d -> created.recordUse(
                                lastUse(new dev.seatwarden.domain.seat.MachineId("m")), now.minus(d), Duration.ZERO)
                        .get())
                .getOrElse(created);
        return state.revoked()
                ? used.revoke(RevocationReason.OWNER, now.minusSeconds(1)).get().value()
                : used;
    }

    @Test
    void R10_the_status_is_revoked_else_expired_else_never_used_else_in_recent_use_else_idle() {
        qt().withExamples(EXAMPLES).forAll(STATES, seeds(), instants()).checkAssert((state, seed, now) -> {
            var token = tokenIn(state, seed, now);

            TokenStatus expected;
            if (state.revoked()) {
                expected = TokenStatus.REVOKED;
            } else if (state.expiryFromNow().isDefined() && state.expiryPassed()) {
                expected = TokenStatus.EXPIRED;
            } else if (state.lastUseBeforeNow().isEmpty()) {
                expected = TokenStatus.NEVER_USED;
            } else if (state.lastUseBeforeNow().get().compareTo(state.settings().recentUseWindow()) < 0) {
                expected = TokenStatus.IN_RECENT_USE;
            } else {
                expected = TokenStatus.IDLE;
            }

            assertThat(token.statusAt(now, state.settings())).isEqualTo(expected);
        });
    }

    @Test
    void R18_exactly_the_recent_use_window_after_the_last_use_the_status_is_idle_and_just_before_in_recent_use() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), instants(), settings(), machineIds())
                .checkAssert((seed, usedAt, settings, machine) -> {
                    var token = token(ACCOUNT, TokenKind.API, seed, usedAt.minusSeconds(5))
                            .recordUse(lastUse(machine), usedAt, settings.useRecordingGranularity())
                            .get();
                    var end = usedAt.plus(settings.recentUseWindow());

                    assertThat(token.statusAt(end, settings)).isEqualTo(TokenStatus.IDLE);
                    assertThat(token.statusAt(end.minusNanos(1), settings)).isEqualTo(TokenStatus.IN_RECENT_USE);
                    assertThat(token.statusAt(end.minusMillis(1), settings)).isEqualTo(TokenStatus.IN_RECENT_USE);
                    assertThat(token.statusAt(usedAt, settings)).isEqualTo(TokenStatus.IN_RECENT_USE);
                });
    }

    @Test
    void R18_with_the_defaults_exactly_7_days_after_the_last_use_the_status_is_idle() {
        qt().withExamples(100).forAll(seeds(), instants(), machineIds()).checkAssert((seed, usedAt, machine) -> {
            var defaults = LicensingSettings.defaults();
            var token = token(ACCOUNT, TokenKind.API, seed, usedAt)
                    .recordUse(lastUse(machine), usedAt, Duration.ofSeconds(60))
                    .get();

            assertThat(token.statusAt(usedAt.plus(Duration.ofDays(7)), defaults))
                    .isEqualTo(TokenStatus.IDLE);
            assertThat(token.statusAt(usedAt.plus(Duration.ofDays(7)).minusNanos(1), defaults))
                    .isEqualTo(TokenStatus.IN_RECENT_USE);
        });
    }

    @Test
    void
            R10_the_first_use_is_recorded_at_once_and_the_recorded_last_use_lags_the_true_one_by_less_than_the_granularity() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), instants(), settings(), lists().of(steps()).ofSizeBetween(1, 30))
                .checkAssert((seed, createdAt, settings, gaps) -> {
                    var granularity = settings.useRecordingGranularity();
                    var token = token(ACCOUNT, TokenKind.API, seed, createdAt);
                    var now = createdAt;
                    boolean first = true;
                    for (var gap : gaps) {
                        now = now.plus(gap);
                        var use = lastUse(new dev.seatwarden.domain.seat.MachineId("m" + gap.getNano()));
                        var recorded = token.recordUse(use, now, granularity);
                        if (first) {
                            assertThat(recorded).as("the first use is written").isNotEmpty();
                            first = false;
                        }
                        var at = now;
                        assertThat(recorded.isDefined())
                                .as("written only when the granularity has passed since the recorded use")
                                .isEqualTo(token.lastUsedAt().forAll(last -> !at.isBefore(last.plus(granularity))));
                        if (recorded.isDefined()) {
                            assertThat(recorded.get().lastUsedAt()).containsExactly(now);
                            assertThat(recorded.get().lastUse()).containsExactly(use);
                            token = recorded.get();
                        }
                        var lag = Duration.between(token.lastUsedAt().get(), now);
                        if (granularity.isZero()) {
                            assertThat(lag).isZero();
                        } else {
                            assertThat(lag).isLessThan(granularity);
                        }
                    }
                });
    }

    @Test
    void R8_revocation_is_terminal_and_revoking_again_is_already_revoked() {
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, seeds(), instants(), arbitrary().enumValues(RevocationReason.class))
                .checkAssert((kind, seed, revokedAt, reason) -> {
                    var token = token(ACCOUNT, kind, seed, revokedAt.minusSeconds(10));
                    var settings = LicensingSettings.defaults();

                    var revoked = token.revoke(reason, revokedAt).get();

                    assertThat(revoked.value().revocation()).containsExactly(new Revocation(revokedAt, reason));
                    assertThat(revoked.events()
                                    .map(e -> e.type() + ":" + e.detail().get()))
                            .containsExactly("TOKEN_REVOKED:" + reason);
                    for (var later :
                            List.of(revokedAt, revokedAt.plusSeconds(1), revokedAt.plus(Duration.ofDays(400)))) {
                        assertThat(revoked.value().statusAt(later, settings)).isEqualTo(TokenStatus.REVOKED);
                        assertThat(revoked.value().holdsIntegrationSlot(later)).isFalse();
                        assertThat(revoked.value()
                                        .revoke(RevocationReason.OWNER, later)
                                        .getLeft())
                                .isEqualTo(new Refusal.TokenAlreadyRevoked());
                        assertThat(revoked.value()
                                        .rotate(hashOf("x" + seed), "hint", Duration.ZERO, later)
                                        .getLeft())
                                .isEqualTo(new Refusal.TokenRevoked());
                    }
                });
    }

    @Test
    void R19_rotation_keeps_id_name_kind_assignee_and_history_and_changes_the_secret() {
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, seeds(), instants(), durations(Duration.ZERO, Duration.ofHours(24)))
                .checkAssert((kind, seed, now, grace) -> {
                    var before = token(ACCOUNT, kind, seed, now.minus(Duration.ofDays(2)))
                            .recordUse(
                                    lastUse(new dev.seatwarden.domain.seat.MachineId("m")),
                                    now.minusSeconds(30),
                                    Duration.ZERO)
                            .get();
                    var newSecret = secret(kind, seed + 1);

                    var rotated = before.rotate(hashOf(newSecret), newSecret.hint(), grace, now)
                            .get();

                    var after = rotated.value();
                    assertThat(after.id()).isEqualTo(before.id());
                    assertThat(after.account()).isEqualTo(before.account());
                    assertThat(after.kind()).isEqualTo(before.kind());
                    assertThat(after.name()).isEqualTo(before.name());
                    assertThat(after.assignee()).isEqualTo(before.assignee());
                    assertThat(after.createdAt()).isEqualTo(before.createdAt());
                    assertThat(after.expiresAt()).isEqualTo(before.expiresAt());
                    assertThat(after.lastUsedAt()).isEqualTo(before.lastUsedAt());
                    assertThat(after.lastUse()).isEqualTo(before.lastUse());
                    assertThat(after.secretHash()).isEqualTo(hashOf(newSecret));
                    assertThat(after.hint()).isEqualTo(newSecret.hint());
                    assertThat(rotated.events().map(e -> e.type())).containsExactly(EventType.TOKEN_ROTATED);
                });
    }

    @Test
    void R19_the_old_secret_is_accepted_until_exactly_the_end_of_the_grace_period_and_the_new_one_at_once() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), instants(), integers().between(0, 24 * 60), steps())
                .checkAssert((seed, rotatedAt, graceMinutes, after) -> {
                    var oldSecret = secret(TokenKind.API, seed);
                    var newSecret = secret(TokenKind.API, seed ^ 0x5DEECE66DL);
                    var grace = Duration.ofMinutes(graceMinutes);
                    var token = token(
                                    ACCOUNT, new TokenId("tok_r"), oldSecret, Option.none(), rotatedAt.minusSeconds(9))
                            .rotate(hashOf(newSecret), newSecret.hint(), grace, rotatedAt)
                            .get()
                            .value();
                    var end = rotatedAt.plus(grace);
                    var at = rotatedAt.plus(after);

                    assertThat(token.acceptsSecret(hashOf(newSecret), at)).isTrue();
                    assertThat(token.acceptsSecret(hashOf(oldSecret), at)).isEqualTo(at.isBefore(end));
                    assertThat(token.acceptsSecret(hashOf(oldSecret), end)).isFalse();
                    if (graceMinutes > 0) {
                        assertThat(token.acceptsSecret(hashOf(oldSecret), end.minusNanos(1)))
                                .isTrue();
                    } else {
                        assertThat(token.acceptsSecret(hashOf(oldSecret), rotatedAt))
                                .isFalse();
                    }
                    assertThat(token.acceptsSecret(hashOf(secret(TokenKind.API, seed + 7)), at))
                            .isFalse();
                });
    }

    @Test
    void R19_rotating_again_drops_any_earlier_previous_secret() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        seeds(),
                        instants(),
                        integers().between(1, 24 * 60),
                        integers().between(0, 24 * 60))
                .checkAssert((seed, firstAt, firstGrace, secondGrace) -> {
                    var s1 = secret(TokenKind.INTEGRATION, seed);
                    var s2 = secret(TokenKind.INTEGRATION, seed + 1);
                    var s3 = secret(TokenKind.INTEGRATION, seed + 2);
                    var secondAt = firstAt.plusSeconds(1);

                    var twice = token(ACCOUNT, new TokenId("tok_2"), s1, Option.none(), firstAt)
                            .rotate(hashOf(s2), s2.hint(), Duration.ofMinutes(firstGrace), firstAt)
                            .get()
                            .value()
                            .rotate(hashOf(s3), s3.hint(), Duration.ofMinutes(secondGrace), secondAt)
                            .get()
                            .value();

                    assertThat(twice.acceptsSecret(hashOf(s1), secondAt)).isFalse();
                    assertThat(twice.acceptsSecret(hashOf(s2), secondAt)).isEqualTo(secondGrace > 0);
                    assertThat(twice.acceptsSecret(hashOf(s3), secondAt)).isTrue();
                });
    }

    @Test
    void R20_from_its_expiry_time_on_a_token_is_expired_and_holds_no_integration_slot() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), instants(), durations(Duration.ofNanos(1), Duration.ofDays(60)), settings())
                .checkAssert((seed, createdAt, lifetime, settings) -> {
                    var expiry = createdAt.plus(lifetime);
                    var token = token(
                            ACCOUNT,
                            new TokenId("tok_e"),
                            secret(TokenKind.INTEGRATION, seed),
                            Option.some(expiry),
                            createdAt);

                    assertThat(token.isExpiredAt(expiry)).isTrue();
                    assertThat(token.statusAt(expiry, settings)).isEqualTo(TokenStatus.EXPIRED);
                    assertThat(token.holdsIntegrationSlot(expiry)).isFalse();
                    assertThat(token.isExpiredAt(expiry.minusNanos(1))).isFalse();
                    assertThat(token.statusAt(expiry.minusNanos(1), settings)).isEqualTo(TokenStatus.NEVER_USED);
                    assertThat(token.holdsIntegrationSlot(expiry.minusNanos(1))).isTrue();
                });
    }

    @Test
    void R7_only_unrevoked_unexpired_integration_tokens_hold_slots_and_api_tokens_have_no_limit() {
        Gen<int[]> shapes = integers()
                .between(0, 3)
                .zip(booleans().all(), booleans().all(), (kind, revoked, expired) ->
                        new int[] {kind % 2, revoked ? 1 : 0, expired ? 1 : 0});
        qt().withExamples(EXAMPLES)
                .forAll(
                        lists().of(shapes).ofSizeBetween(0, 10),
                        seeds(),
                        instants(),
                        integers().between(0, 6))
                .checkAssert((shapes_, seed, now, limit) -> {
                    var tokens = List.ofAll(shapes_).zipWithIndex().map(shapeAndIndex -> {
                        var shape = shapeAndIndex._1;
                        var kind = shape[0] == 0 ? TokenKind.API : TokenKind.INTEGRATION;
                        var expiry = shape[2] == 1 ? Option.some(now) : Option.some(now.plusNanos(1));
                        var t = token(
                                ACCOUNT,
                                new TokenId("tok_" + shapeAndIndex._2),
                                secret(kind, seed + shapeAndIndex._2),
                                expiry,
                                now.minusSeconds(100));
                        return shape[1] == 1
                                ? t.revoke(RevocationReason.OWNER, now.minusSeconds(1))
                                        .get()
                                        .value()
                                : t;
                    });
                    int holding = List.ofAll(shapes_).count(s -> s[0] == 1 && s[1] == 0 && s[2] == 0);

                    int inUse = IntegrationSlotPolicy.slotsInUse(tokens, now);

                    assertThat(inUse).isEqualTo(holding);
                    assertThat(IntegrationSlotPolicy.check(TokenKind.API, limit, inUse)
                                    .isRight())
                            .isTrue();
                    var integration = IntegrationSlotPolicy.check(TokenKind.INTEGRATION, limit, inUse);
                    if (inUse < limit) {
                        assertThat(integration.isRight()).isTrue();
                    } else {
                        assertThat(integration.getLeft()).isEqualTo(new Refusal.IntegrationTokenLimitReached(limit));
                    }
                });
    }

    @Test
    void R5_to_string_of_secret_hash_and_token_never_contains_the_secret_or_its_hash() {
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, seeds(), instants(), machineIds())
                .checkAssert((kind, seed, now, machine) -> {
                    var oldSecret = secret(kind, seed);
                    var newSecret = secret(kind, ~seed);
                    var token = token(ACCOUNT, new TokenId("tok_5"), oldSecret, Option.none(), now)
                            .recordUse(lastUse(machine), now, Duration.ZERO)
                            .get()
                            .rotate(hashOf(newSecret), newSecret.hint(), Duration.ofMinutes(30), now)
                            .get()
                            .value();
                    var shown = List.of(
                            oldSecret.toString(),
                            newSecret.toString(),
                            hashOf(oldSecret).toString(),
                            hashOf(newSecret).toString(),
                            token.toString(),
                            token.previousSecret().get().toString());

                    for (var forbidden : List.of(
                            oldSecret.reveal(),
                            newSecret.reveal(),
                            hashOf(oldSecret).value(),
                            hashOf(newSecret).value())) {
                        assertThat(shown).noneMatch(text -> text.contains(forbidden));
                        // nor any long piece of it
                        assertThat(shown).noneMatch(text -> text.contains(forbidden.substring(0, 20)));
                    }
                });
    }
}
