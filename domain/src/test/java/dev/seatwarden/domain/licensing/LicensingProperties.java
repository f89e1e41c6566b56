package dev.seatwarden.domain.licensing;

import static dev.seatwarden.domain.fixtures.DomainGenerators.ACCOUNT;
import static dev.seatwarden.domain.fixtures.DomainGenerators.account;
import static dev.seatwarden.domain.fixtures.DomainGenerators.assignedSeat;
import static dev.seatwarden.domain.fixtures.DomainGenerators.durations;
import static dev.seatwarden.domain.fixtures.DomainGenerators.eligibleAccount;
import static dev.seatwarden.domain.fixtures.DomainGenerators.freeSeat;
import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.lastUse;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.steps;
import static dev.seatwarden.domain.fixtures.DomainGenerators.token;
import static dev.seatwarden.domain.fixtures.DomainGenerators.twoMachines;
import static dev.seatwarden.domain.fixtures.DomainGenerators.withIntegrationLimit;
import static dev.seatwarden.domain.fixtures.DomainGenerators.withQuotaUses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.IntegrationSlotPolicy;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import dev.seatwarden.domain.token.TokenStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The cross-aggregate rules of {@link Licensing}: R7, R8, R9, R10/R23, R13, R14, R15, R19, R20,
 * R21, R22 and their R18 boundaries.
 */
class LicensingProperties {

    private static final int EXAMPLES = 200;

    private static Token apiToken(long seed, Instant createdAt) {
        return token(ACCOUNT, TokenKind.API, seed, createdAt);
    }

    private static Token integrationToken(int index, long seed, Option<Instant> expiry, Instant createdAt) {
        return token(
                ACCOUNT, new TokenId("tok_i" + index), secret(TokenKind.INTEGRATION, seed + index), expiry, createdAt);
    }

    private static TokenDraft draft(TokenKind kind) {
        return new TokenDraft(new TokenName("new token"), kind, Option.none(), Option.none());
    }

    private static io.vavr.control.Either<Refusal, Licensing.Created> create(
            Licensing licensing, Account account, List<Token> tokens, TokenKind kind, long seed, Instant now) {
        var secret = secret(kind, seed ^ 0x1234L);
        return licensing.create(account, tokens, draft(kind), new TokenId("tok_new"), secret, hashOf(secret), now);
    }

    private static String describe(DomainEvent e) {
        return e.type() + e.detail().map(d -> ":" + d).getOrElse("");
    }

    // ---- R7 -----------------------------------------------------------------------------------

    @Test
    void R7_the_default_integration_limits_are_starter_0_pro_1_enterprise_5_and_an_operators_limit_wins() {
        qt().withExamples(EXAMPLES)
                .forAll(arbitrary().enumValues(Plan.class), integers().between(0, 50))
                .checkAssert((plan, override) -> {
                    var defaults = LicensingSettings.defaults();
                    var plain = account(ACCOUNT, plan, Subscription.ACTIVE);
                    int expected = plan == Plan.STARTER ? 0 : plan == Plan.PRO ? 1 : 5;

                    assertThat(plain.integrationTokenLimit(defaults)).isEqualTo(expected);
                    assertThat(withIntegrationLimit(plain, override).integrationTokenLimit(defaults))
                            .isEqualTo(override);
                });
    }

    @Test
    void R7_an_integration_token_is_created_only_while_unrevoked_unexpired_ones_are_under_the_limit_api_always() {
        Gen<int[]> shapes = integers()
                .between(0, 3)
                .zip(booleans().all(), booleans().all(), (kind, revoked, expired) ->
                        new int[] {kind % 2, revoked ? 1 : 0, expired ? 1 : 0});
        Gen<Option<Integer>> overrides =
                integers().between(0, 6).toOptionals(40).map(o -> Option.ofOptional(o));
        qt().withExamples(EXAMPLES)
                .forAll(
                        lists().of(shapes).ofSizeBetween(0, 9),
                        overrides.zip(arbitrary().pick(Plan.PRO, Plan.ENTERPRISE), (o, p) -> List.of(o, p)),
                        seeds().zip(instants(), (s, i) -> List.of(s, i)),
                        settings())
                .checkAssert((shapes_, overrideAndPlan, seedAndNow, settings) -> {
                    @SuppressWarnings("unchecked")
                    var override = (Option<Integer>) overrideAndPlan.get(0);
                    var plan = (Plan) overrideAndPlan.get(1);
                    long seed = (Long) seedAndNow.get(0);
                    var now = (Instant) seedAndNow.get(1);
                    var base = account(ACCOUNT, plan, Subscription.ACTIVE);
                    var account = override.isDefined() ? withIntegrationLimit(base, override.get()) : base;
                    var tokens = List.ofAll(shapes_).zipWithIndex().map(si -> {
                        var s = si._1;
                        var kind = s[0] == 0 ? TokenKind.API : TokenKind.INTEGRATION;
                        var t = token(
                                ACCOUNT,
                                new TokenId("tok_" + si._2),
                                secret(kind, seed + si._2),
                                Option.some(s[2] == 1 ? now : now.plusNanos(1)),
                                now.minusSeconds(60));
                        return s[1] == 1
                                ? t.revoke(RevocationReason.OWNER, now).get().value()
                                : t;
                    });
                    long holding = List.ofAll(shapes_).count(s -> s[0] == 1 && s[1] == 0 && s[2] == 0);
                    int limit = override.getOrElse(
                            plan == Plan.PRO ? settings.proIntegrationLimit() : settings.enterpriseIntegrationLimit());
                    var licensing = new Licensing(settings);

                    var integration = create(licensing, account, tokens, TokenKind.INTEGRATION, seed, now);
                    var api = create(licensing, account, tokens, TokenKind.API, seed, now);

                    assertThat(api.isRight()).isTrue();
                    if (holding < limit) {
                        assertThat(integration.isRight()).isTrue();
                    } else {
                        assertThat(integration.getLeft()).isEqualTo(new Refusal.IntegrationTokenLimitReached(limit));
                    }
                });
    }

    @Test
    void R7_lowering_the_limit_revokes_nothing_and_new_integration_tokens_wait_until_the_count_is_under_it() {
        qt().withExamples(EXAMPLES)
                .forAll(integers().between(1, 6), integers().between(0, 5), seeds(), instants())
                .checkAssert((inUse, lowered, seed, now) -> {
                    int newLimit = lowered % inUse;
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var account = withIntegrationLimit(eligibleAccount(ACCOUNT), inUse);
                    var tokens = List.range(0, inUse)
                            .map(i -> integrationToken(i, seed, Option.none(), now.minusSeconds(10)));

                    var changed = account.change(Option.none(), Option.none(), Option.some(newLimit), now);

                    assertThat(changed.events().map(LicensingProperties::describe))
                            .containsExactly("ACCOUNT_CHANGED:integrationTokenLimit=" + newLimit);
                    var lowerAccount = changed.value();
                    // nothing is revoked: every token still verifies
                    for (var t : tokens) {
                        assertThat(licensing
                                        .verify(t, lowerAccount, freeSeat(t), lastUse(new MachineId("m")), now)
                                        .isRight())
                                .isTrue();
                    }
                    var remaining = tokens;
                    while (true) {
                        var attempt = create(licensing, lowerAccount, remaining, TokenKind.INTEGRATION, seed, now);
                        assertThat(attempt.isRight()).isEqualTo(remaining.size() < newLimit);
                        if (remaining.isEmpty()) {
                            break;
                        }
                        // revoking frees a slot at once
                        var revoked = remaining
                                .head()
                                .revoke(RevocationReason.OWNER, now)
                                .get()
                                .value();
                        remaining = remaining.tail();
                        assertThat(IntegrationSlotPolicy.slotsInUse(remaining.prepend(revoked), now))
                                .isEqualTo(remaining.size());
                    }
                });
    }

    // ---- R8, R21 ------------------------------------------------------------------------------

    @Test
    void R8_a_revoked_token_never_verifies_again_and_its_seat_is_freed_without_using_quota() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), steps())
                .checkAssert((seed, machines, revokedAt, later) -> {
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var token = apiToken(seed, revokedAt.minus(Duration.ofDays(1)));
                    var m = machines.get(0);
                    var seat = assignedSeat(token, m, revokedAt.minusSeconds(30));

                    var changed = licensing
                            .revoke(token, seat, RevocationReason.OWNER, revokedAt)
                            .get();

                    assertThat(changed.token().isRevoked()).isTrue();
                    assertThat(changed.seat()).hasSize(1);
                    assertThat(changed.seat().get()).isInstanceOf(FreeSeat.class);
                    assertThat(changed.events().map(LicensingProperties::describe))
                            .containsExactly("TOKEN_REVOKED:OWNER", "SEAT_RELEASED:REVOCATION");
                    assertThat(changed.events().get(1).machine()).containsExactly(m);
                    // terminal, whatever happens after
                    var then = revokedAt.plus(later);
                    for (var machine : machines) {
                        for (var freshSeat : List.<Seat>of(changed.seat().get(), freeSeat(token))) {
                            assertThat(licensing
                                            .verify(
                                                    changed.token(),
                                                    account(ACCOUNT, Plan.ENTERPRISE, Subscription.ACTIVE),
                                                    freshSeat,
                                                    lastUse(machine),
                                                    then)
                                            .getLeft())
                                    .isEqualTo(new Refusal.TokenRevoked());
                        }
                    }
                    assertThat(licensing
                                    .revoke(changed.token(), changed.seat().get(), RevocationReason.OWNER, then)
                                    .getLeft())
                            .isEqualTo(new Refusal.TokenAlreadyRevoked());
                    assertThat(licensing
                                    .releaseManually(eligibleAccount(ACCOUNT), changed.token(), seat, then)
                                    .getLeft())
                            .isEqualTo(new Refusal.TokenRevoked());
                    assertThat(changed.token().statusAt(then, LicensingSettings.defaults()))
                            .isEqualTo(TokenStatus.REVOKED);
                });
    }

    @Test
    void R8_revoking_a_token_whose_seat_is_free_changes_no_seat() {
        qt().withExamples(EXAMPLES).forAll(seeds(), instants()).checkAssert((seed, now) -> {
            var token = apiToken(seed, now.minusSeconds(5));

            var changed = new Licensing(LicensingSettings.defaults())
                    .revoke(token, freeSeat(token), RevocationReason.OWNER, now)
                    .get();

            assertThat(changed.seat()).isEmpty();
            assertThat(changed.events().map(LicensingProperties::describe)).containsExactly("TOKEN_REVOKED:OWNER");
        });
    }

    @Test
    void R21_a_leak_report_revokes_the_token_with_reason_leaked_old_secret_in_grace_included() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), integers().between(1, 24 * 60))
                .checkAssert((seed, machines, now, grace) -> {
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var oldSecret = secret(TokenKind.API, seed);
                    var newSecret = secret(TokenKind.API, seed + 1);
                    var token = token(ACCOUNT, new TokenId("tok_l"), oldSecret, Option.none(), now.minusSeconds(100));
                    var rotated = licensing
                            .rotate(token, newSecret, hashOf(newSecret), grace, now.minusSeconds(1))
                            .get()
                            .value();
                    // the reported secret is the old one, still in its grace period: it finds the token
                    assertThat(rotated.acceptsSecret(hashOf(oldSecret), now)).isTrue();

                    var changed = licensing
                            .revoke(
                                    rotated,
                                    assignedSeat(rotated, machines.get(0), now.minusSeconds(2)),
                                    RevocationReason.LEAKED,
                                    now)
                            .get();

                    assertThat(changed.token().revocation().map(r -> r.reason()))
                            .containsExactly(RevocationReason.LEAKED);
                    assertThat(changed.events().head().type()).isEqualTo(EventType.TOKEN_REVOKED);
                    assertThat(changed.events().head().detail()).containsExactly("LEAKED");
                    assertThat(changed.events().head().account()).isEqualTo(ACCOUNT);
                    // the old secret still finds the revoked token, so it answers TOKEN_REVOKED too
                    assertThat(changed.token().acceptsSecret(hashOf(oldSecret), now))
                            .isTrue();
                    assertThat(licensing
                                    .verify(
                                            changed.token(),
                                            eligibleAccount(ACCOUNT),
                                            changed.seat().get(),
                                            lastUse(machines.get(0)),
                                            now)
                                    .getLeft())
                            .isEqualTo(new Refusal.TokenRevoked());
                });
    }

    // ---- R9 -----------------------------------------------------------------------------------

    @Test
    void R9_a_created_token_its_seat_and_its_event_belong_to_the_account_that_created_it() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        dev.seatwarden.domain.fixtures.DomainGenerators.eligibleAccounts(),
                        arbitrary().enumValues(TokenKind.class),
                        seeds(),
                        instants())
                .checkAssert((account, kind, seed, now) -> {
                    var created = create(
                                    new Licensing(LicensingSettings.defaults()), account, List.empty(), kind, seed, now)
                            .get();

                    assertThat(created.token().account()).isEqualTo(account.id());
                    assertThat(created.seat().account()).isEqualTo(account.id());
                    assertThat(created.seat().token()).isEqualTo(created.token().id());
                    assertThat(created.seat().releasedManuallyFrom()).isEmpty();
                    assertThat(created.events()).singleElement().satisfies(e -> {
                        assertThat(e.type()).isEqualTo(EventType.TOKEN_CREATED);
                        assertThat(e.account()).isEqualTo(account.id());
                        assertThat(e.token()).containsExactly(created.token().id());
                        assertThat(e.at()).isEqualTo(now);
                    });
                });
    }

    // ---- R10, R23 -----------------------------------------------------------------------------

    @Test
    void R10_R23_the_first_verification_is_recorded_at_once_and_later_ones_lag_by_less_than_the_granularity() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), settings(), lists().of(steps()).ofSizeBetween(1, 25))
                .checkAssert((seed, machines, settings, gaps) -> {
                    var licensing = new Licensing(settings);
                    var granularity = settings.useRecordingGranularity();
                    var account = eligibleAccount(ACCOUNT);
                    var now = dev.seatwarden.domain.fixtures.DomainGenerators.BASE;
                    var token = apiToken(seed, now);
                    Seat seat = freeSeat(token);
                    var m = machines.get(0);
                    boolean first = true;
                    for (var gap : gaps) {
                        now = now.plus(gap);
                        var use = new dev.seatwarden.domain.token.LastUse(
                                m,
                                Option.some("198.51.100." + (gap.getNano() % 250)),
                                Option.some("agent " + gap.getNano()));

                        var verified =
                                licensing.verify(token, account, seat, use, now).get();

                        // what must be written: both when the seat changes hands, else each once the
                        // granularity has passed (the token also whenever the seat is written)
                        var at = now;
                        boolean continuing = seat instanceof AssignedSeat held
                                && held.machine().equals(m)
                                && at.isBefore(held.lastActivityAt().plus(settings.inactivityPeriod()));
                        boolean seatDue = !continuing
                                || !at.isBefore(
                                        ((AssignedSeat) seat).lastActivityAt().plus(granularity));
                        boolean tokenDue =
                                seatDue || token.lastUsedAt().forAll(last -> !at.isBefore(last.plus(granularity)));
                        assertThat(verified.assignment())
                                .isEqualTo(continuing ? Assignment.CONTINUING : Assignment.NEW);
                        assertThat(verified.seat().isDefined())
                                .as("seat written")
                                .isEqualTo(seatDue);
                        assertThat(verified.token().isDefined())
                                .as("token written")
                                .isEqualTo(tokenDue);
                        if (first) {
                            assertThat(verified.token())
                                    .as("the first use is written at once")
                                    .isNotEmpty();
                            assertThat(verified.token().get().lastUse()).containsExactly(use);
                            first = false;
                        }
                        if (verified.token().isDefined()) {
                            assertThat(verified.token().get().lastUsedAt()).containsExactly(now);
                            assertThat(verified.token().get().lastUse()).containsExactly(use);
                        }
                        token = verified.token().getOrElse(token);
                        seat = verified.seat().getOrElse(seat);
                        var lag = Duration.between(token.lastUsedAt().get(), now);
                        var seatLag = Duration.between(((AssignedSeat) seat).lastActivityAt(), now);
                        if (granularity.isZero()) {
                            assertThat(lag).isZero();
                            assertThat(seatLag).isZero();
                        } else {
                            assertThat(lag).isLessThan(granularity);
                            assertThat(seatLag).isLessThan(granularity);
                        }
                        assertThat(token.lastUse().get().machine()).isEqualTo(m);
                        assertThat(verified.autoReleaseAt())
                                .isEqualTo(
                                        ((AssignedSeat) seat).lastActivityAt().plus(settings.inactivityPeriod()));
                    }
                });
    }

    @Test
    void R10_a_verification_answers_with_a_value_even_when_the_recorded_last_use_is_ahead_of_its_clock() {
        // two server processes whose clocks differ slightly: the seat changes hands at a moment
        // before the token's recorded last use
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), durations(Duration.ofNanos(1), Duration.ofSeconds(5)))
                .checkAssert((seed, machines, now, skew) -> {
                    var settings = LicensingSettings.defaults();
                    var token = apiToken(seed, now.minus(Duration.ofDays(30)))
                            .recordUse(lastUse(machines.get(0)), now.plus(skew), Duration.ZERO)
                            .get();
                    var seat = freeSeat(token);

                    var verified = new Licensing(settings)
                            .verify(token, eligibleAccount(ACCOUNT), seat, lastUse(machines.get(1)), now);

                    assertThat(verified.isRight()).isTrue();
                    assertThat(verified.get().assignment()).isEqualTo(Assignment.NEW);
                    // the seat changed hands, so the last use names the new machine
                    assertThat(verified.get().token().flatMap(Token::lastUse).map(u -> u.machine()))
                            .containsExactly(machines.get(1));
                });
    }

    // ---- R13 ----------------------------------------------------------------------------------

    @Test
    void R13_R18_a_sweep_releases_an_inactive_seat_as_auto_from_exactly_the_period_on_and_not_1ns_before() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings())
                .checkAssert((seed, machines, lastActivity, settings) -> {
                    var licensing = new Licensing(settings);
                    var token = apiToken(seed, lastActivity.minusSeconds(1));
                    var seat = assignedSeat(token, machines.get(0), lastActivity);
                    var end = lastActivity.plus(settings.inactivityPeriod());

                    var atEnd = licensing.sweep(token, seat, end);

                    assertThat(atEnd).hasSize(1);
                    assertThat(atEnd.get().value()).isInstanceOf(FreeSeat.class);
                    assertThat(atEnd.get().events().map(LicensingProperties::describe))
                            .containsExactly("SEAT_RELEASED:AUTO");
                    assertThat(licensing.sweep(token, seat, end.minusNanos(1))).isEmpty();
                    assertThat(licensing.sweep(token, freeSeat(token), end)).isEmpty();
                    assertThat(licensing.autoReleaseAt(seat)).isEqualTo(end);
                });
    }

    @Test
    void R13_R18_another_machine_gets_the_seat_at_exactly_the_inactivity_period_without_quota_and_not_1ns_before() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings())
                .checkAssert((seed, machines, lastActivity, settings) -> {
                    var licensing = new Licensing(settings);
                    var account = eligibleAccount(ACCOUNT);
                    var token = apiToken(seed, lastActivity.minusSeconds(1));
                    var seat = assignedSeat(token, machines.get(0), lastActivity);
                    var end = lastActivity.plus(settings.inactivityPeriod());

                    var before = licensing.verify(token, account, seat, lastUse(machines.get(1)), end.minusNanos(1));
                    var atEnd = licensing
                            .verify(token, account, seat, lastUse(machines.get(1)), end)
                            .get();

                    assertThat(before.getLeft()).isEqualTo(new Refusal.SeatAssignedToOtherMachine(end));
                    assertThat(atEnd.assignment()).isEqualTo(Assignment.NEW);
                    assertThat(atEnd.account()).as("no quota used").isEmpty();
                    assertThat(atEnd.events().map(LicensingProperties::describe))
                            .containsExactly("SEAT_RELEASED:AUTO", "SEAT_ASSIGNED");
                    assertThat(((AssignedSeat) atEnd.seat().get()).machine()).isEqualTo(machines.get(1));
                });
    }

    @Test
    void R8_R13_R20_the_seat_as_the_rules_see_it_is_free_for_a_revoked_or_expired_token_or_an_inactive_machine() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        booleans().all().zip(booleans().all(), (r, e) -> List.of(r, e)),
                        arbitrary().pick("active", "inactive", "free"),
                        seeds().zip(twoMachines(), (s, m) -> List.of(s, m)),
                        instants().zip(settings(), (i, s) -> List.of(i, s)))
                .checkAssert((flags, seatState, seedAndMachines, nowAndSettings) -> {
                    boolean revoked = flags.get(0);
                    boolean expired = flags.get(1);
                    long seed = (Long) seedAndMachines.get(0);
                    var m = (MachineId) ((List<?>) seedAndMachines.get(1)).get(0);
                    var now = (Instant) nowAndSettings.get(0);
                    var settings = (LicensingSettings) nowAndSettings.get(1);
                    var licensing = new Licensing(settings);
                    var token = token(
                            ACCOUNT,
                            new TokenId("tok_st"),
                            secret(TokenKind.API, seed),
                            Option.some(expired ? now : now.plusNanos(1)),
                            now.minus(Duration.ofDays(100)));
                    if (revoked) {
                        token = token.revoke(RevocationReason.OWNER, now.minusSeconds(1))
                                .get()
                                .value();
                    }
                    Seat seat = switch (seatState) {
                        case "active" -> assignedSeat(token, m, now.minusNanos(1));
                        case "inactive" -> assignedSeat(token, m, now.minus(settings.inactivityPeriod()));
                        default -> freeSeat(token);
                    };

                    var settled = licensing.settle(token, seat, now);
                    var swept = licensing.sweep(token, seat, now);

                    var expected = seatState.equals("free")
                            ? List.<String>empty()
                            : revoked
                                    ? List.of("SEAT_RELEASED:REVOCATION")
                                    : expired
                                            ? List.of("SEAT_RELEASED:EXPIRY")
                                            : seatState.equals("inactive")
                                                    ? List.of("SEAT_RELEASED:AUTO")
                                                    : List.<String>empty();
                    assertThat(settled.events().map(LicensingProperties::describe))
                            .isEqualTo(expected);
                    assertThat(settled.value() instanceof FreeSeat)
                            .isEqualTo(!(seatState.equals("active") && !revoked && !expired));
                    assertThat(swept.map(o -> o.events().map(LicensingProperties::describe))
                                    .getOrElse(List.empty()))
                            .isEqualTo(expected);
                    assertThat(swept.isDefined()).isEqualTo(!expected.isEmpty());
                    if (!revoked && !expired && seatState.equals("active")) {
                        assertThat(settled.value()).isEqualTo(seat);
                    }
                });
    }

    // ---- R14 ----------------------------------------------------------------------------------

    /** Up to 5 earlier quota uses, within two windows before now. */
    private static Gen<List<Duration>> quotaAges() {
        return lists().of(longs().between(0, 2_000))
                .ofSizeBetween(0, 5)
                .map(ages -> List.ofAll(ages).map(a -> Duration.ofNanos(a)));
    }

    private static List<Instant> quotaUses(LicensingSettings settings, List<Duration> perMille, Instant now) {
        // ages in thousandths of the window, so that some uses count and some do not
        return perMille.map(a -> now.minus(
                settings.manualReleaseWindow().multipliedBy(a.toNanos()).dividedBy(1000)));
    }

    @Test
    void R14_a_manual_release_uses_one_quota_unit_and_past_the_limit_is_rate_limited_until_retry_at() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds().zip(twoMachines(), (s, m) -> List.of(s, m)), instants(), settings(), quotaAges())
                .checkAssert((seedAndMachines, now, settings, ages) -> {
                    long seed = (Long) seedAndMachines.get(0);
                    var m = (MachineId) ((List<?>) seedAndMachines.get(1)).get(0);
                    var licensing = new Licensing(settings);
                    var uses = quotaUses(settings, ages, now);
                    var account = withQuotaUses(eligibleAccount(ACCOUNT), uses);
                    var token = apiToken(seed, now.minus(Duration.ofDays(1)));
                    var seat = assignedSeat(token, m, now.minusNanos(1));
                    var counting = uses.filter(u -> u.isAfter(now.minus(settings.manualReleaseWindow())))
                            .sorted(java.util.Comparator.reverseOrder());

                    var released = licensing.releaseManually(account, token, seat, now);

                    if (counting.size() < settings.manualReleaseLimit()) {
                        var r = released.get();
                        assertThat(r.seat().releasedManuallyFrom()).containsExactly(m);
                        assertThat(r.account()).hasSize(1);
                        assertThat(r.account().get().quotaUses()).contains(now);
                        assertThat(r.account()
                                        .get()
                                        .quotaUses()
                                        .count(u -> u.isAfter(now.minus(settings.manualReleaseWindow()))))
                                .isEqualTo(counting.size() + 1);
                        assertThat(r.events().map(LicensingProperties::describe))
                                .containsExactly("SEAT_RELEASED:MANUAL");
                        assertThat(r.events().head().machine()).containsExactly(m);
                    } else {
                        var retryAt =
                                counting.get(settings.manualReleaseLimit() - 1).plus(settings.manualReleaseWindow());
                        assertThat(released.getLeft()).isEqualTo(new Refusal.SeatReleaseRateLimited(retryAt));
                        assertThat(licensing.nextReleaseAt(account, now)).containsExactly(retryAt);
                        assertThat(licensing.releaseRefused(token, released.getLeft(), now))
                                .isEqualTo(DomainEvent.ofToken(
                                        EventType.SEAT_RELEASE_REFUSED,
                                        now,
                                        ACCOUNT,
                                        token.id(),
                                        Option.none(),
                                        Option.some("SEAT_RELEASE_RATE_LIMITED")));
                    }
                });
    }

    @Test
    void R14_manual_release_refuses_revoked_then_not_assigned_then_rate_limited() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        booleans().all().zip(booleans().all(), booleans().all(), (a, b, c) -> List.of(a, b, c)),
                        arbitrary().pick("free", "inactive", "expired"),
                        seeds().zip(twoMachines(), (s, m) -> List.of(s, m)),
                        instants().zip(settings(), (i, s) -> List.of(i, s)))
                .checkAssert((flags, howFree, seedAndMachines, nowAndSettings) -> {
                    boolean revoked = flags.get(0);
                    boolean notAssigned = flags.get(1);
                    boolean rateLimited = flags.get(2);
                    long seed = (Long) seedAndMachines.get(0);
                    var m = (MachineId) ((List<?>) seedAndMachines.get(1)).get(0);
                    var now = (Instant) nowAndSettings.get(0);
                    var settings = (LicensingSettings) nowAndSettings.get(1);
                    var licensing = new Licensing(settings);
                    var account = withQuotaUses(
                            eligibleAccount(ACCOUNT),
                            rateLimited ? List.fill(settings.manualReleaseLimit(), now.minusNanos(1)) : List.empty());
                    var expiry = notAssigned && howFree.equals("expired") ? Option.some(now) : Option.<Instant>none();
                    var token = token(
                            ACCOUNT,
                            new TokenId("tok_m"),
                            secret(TokenKind.API, seed),
                            expiry,
                            now.minus(Duration.ofDays(100)));
                    if (revoked) {
                        token = token.revoke(RevocationReason.OWNER, now.minusSeconds(1))
                                .get()
                                .value();
                    }
                    Seat seat = !notAssigned
                            ? assignedSeat(token, m, now.minusSeconds(1))
                            : switch (howFree) {
                                case "free" -> freeSeat(token);
                                case "inactive" -> assignedSeat(token, m, now.minus(settings.inactivityPeriod()));
                                default -> assignedSeat(token, m, now.minusSeconds(1));
                            };

                    var released = licensing.releaseManually(account, token, seat, now);

                    var expected = revoked
                            ? Option.some("TOKEN_REVOKED")
                            : notAssigned
                                    ? Option.some("SEAT_NOT_ASSIGNED")
                                    : rateLimited ? Option.some("SEAT_RELEASE_RATE_LIMITED") : Option.<String>none();
                    assertThat(released.swap().map(Refusal::code).toOption()).isEqualTo(expected);
                });
    }

    @Test
    void R18_exactly_the_release_window_after_a_manual_release_the_next_one_is_allowed_and_just_before_it_is_not() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings())
                .checkAssert((seed, machines, firstAt, settings) -> {
                    var licensing = new Licensing(settings);
                    var account = eligibleAccount(ACCOUNT);
                    var limit = settings.manualReleaseLimit();
                    // use the whole quota at one moment, on as many tokens as the limit
                    for (int i = 0; i < limit; i++) {
                        var t = apiToken(seed + i, firstAt.minus(Duration.ofDays(1)));
                        account = licensing
                                .releaseManually(account, t, assignedSeat(t, machines.get(0), firstAt), firstAt)
                                .get()
                                .account()
                                .get();
                    }
                    var next = apiToken(seed + limit, firstAt.minus(Duration.ofDays(1)));
                    var allowedAt = firstAt.plus(settings.manualReleaseWindow());

                    for (var justBefore : List.of(allowedAt.minusNanos(1), allowedAt.minusMillis(1))) {
                        var seat = assignedSeat(next, machines.get(1), justBefore);
                        assertThat(licensing
                                        .releaseManually(account, next, seat, justBefore)
                                        .getLeft())
                                .isEqualTo(new Refusal.SeatReleaseRateLimited(allowedAt));
                    }
                    var seat = assignedSeat(next, machines.get(1), allowedAt);
                    assertThat(licensing
                                    .releaseManually(account, next, seat, allowedAt)
                                    .isRight())
                            .isTrue();
                });
    }

    // ---- R15 ----------------------------------------------------------------------------------

    @Test
    void R15_a_reactivation_counts_like_a_manual_release_when_the_policy_says_so_and_is_never_refused() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings().zip(steps(), (s, d) -> List.of(s, d)))
                .checkAssert((seed, machines, releasedAt, settingsAndStep) -> {
                    var settings = (LicensingSettings) settingsAndStep.get(0);
                    var reactivatedAt = releasedAt.plus((Duration) settingsAndStep.get(1));
                    var licensing = new Licensing(settings);
                    var m = machines.get(0);
                    var token = apiToken(seed, releasedAt.minus(Duration.ofDays(1)));
                    var released = licensing
                            .releaseManually(
                                    eligibleAccount(ACCOUNT), token, assignedSeat(token, m, releasedAt), releasedAt)
                            .get();
                    // the window may be full already: the re-activation happens anyway
                    var full = withQuotaUses(
                            released.account().get(), List.fill(settings.manualReleaseLimit(), reactivatedAt));

                    var verified = licensing
                            .verify(token, full, released.seat(), lastUse(m), reactivatedAt)
                            .get();

                    assertThat(verified.assignment()).isEqualTo(Assignment.REACTIVATED);
                    assertThat(verified.events().map(LicensingProperties::describe))
                            .containsExactly("SEAT_REACTIVATED");
                    assertThat(verified.events().head().machine()).containsExactly(m);
                    if (settings.reactivationUsesQuota()) {
                        assertThat(verified.account()).hasSize(1);
                        assertThat(verified.account().get().quotaUses().count(reactivatedAt::equals))
                                .isEqualTo(settings.manualReleaseLimit() + 1);
                    } else {
                        assertThat(verified.account()).isEmpty();
                    }
                });
    }

    @Test
    void R15_with_the_defaults_the_next_manual_release_is_allowed_exactly_24_hours_after_the_reactivation() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), durations(Duration.ofHours(24), Duration.ofDays(40)))
                .checkAssert((seed, machines, releasedAt, untilReactivation) -> {
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var m = machines.get(0);
                    var token = apiToken(seed, releasedAt.minus(Duration.ofDays(1)));
                    var released = licensing
                            .releaseManually(
                                    eligibleAccount(ACCOUNT), token, assignedSeat(token, m, releasedAt), releasedAt)
                            .get();
                    var reactivatedAt = releasedAt.plus(untilReactivation);
                    // a quota-free window before the re-activation, so only the re-activation counts
                    assertThat(licensing.nextReleaseAt(released.account().get(), reactivatedAt))
                            .isEmpty();

                    var verified = licensing
                            .verify(token, released.account().get(), released.seat(), lastUse(m), reactivatedAt)
                            .get();
                    var account = verified.account().get();
                    var seat = verified.seat().get();
                    var allowedAt = reactivatedAt.plus(Duration.ofHours(24));

                    var before = allowedAt.minusNanos(1);
                    var activeSeat = assignedSeat(token, m, reactivatedAt, before);
                    assertThat(licensing
                                    .releaseManually(account, token, activeSeat, before)
                                    .getLeft())
                            .isEqualTo(new Refusal.SeatReleaseRateLimited(allowedAt));
                    var activeAtEnd = assignedSeat(token, m, reactivatedAt, allowedAt);
                    assertThat(licensing
                                    .releaseManually(account, token, activeAtEnd, allowedAt)
                                    .isRight())
                            .isTrue();
                    assertThat(seat).isInstanceOf(AssignedSeat.class);
                });
    }

    @Test
    void R15_another_machine_verifying_first_gets_a_new_assignment_and_uses_no_quota() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings())
                .checkAssert((seed, machines, releasedAt, settings) -> {
                    var licensing = new Licensing(settings);
                    var token = apiToken(seed, releasedAt.minus(Duration.ofDays(1)));
                    var released = licensing
                            .releaseManually(
                                    eligibleAccount(ACCOUNT),
                                    token,
                                    assignedSeat(token, machines.get(0), releasedAt),
                                    releasedAt)
                            .get();

                    var byN = licensing
                            .verify(
                                    token,
                                    released.account().get(),
                                    released.seat(),
                                    lastUse(machines.get(1)),
                                    releasedAt.plusSeconds(1))
                            .get();

                    assertThat(byN.assignment()).isEqualTo(Assignment.NEW);
                    assertThat(byN.account()).isEmpty();
                });
    }

    // ---- R19 ----------------------------------------------------------------------------------

    @Test
    void R19_rotation_checks_the_grace_period_before_revocation() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        seeds(),
                        instants(),
                        Generate.oneOf(
                                longs().between(-3_000, 3_000), arbitrary().pick(-1L, 0L, 1L, 1_439L, 1_440L, 1_441L)),
                        booleans().all())
                .checkAssert((seed, now, graceMinutes, revoked) -> {
                    var settings = LicensingSettings.defaults();
                    var licensing = new Licensing(settings);
                    var token = apiToken(seed, now.minusSeconds(10));
                    if (revoked) {
                        token = token.revoke(RevocationReason.OWNER, now.minusSeconds(1))
                                .get()
                                .value();
                    }
                    var newSecret = secret(TokenKind.API, seed + 1);

                    var rotated = licensing.rotate(token, newSecret, hashOf(newSecret), graceMinutes, now);

                    if (graceMinutes < 0 || graceMinutes > 24 * 60) {
                        assertThat(rotated.getLeft()).isInstanceOf(Refusal.ValidationFailed.class);
                        assertThat(((Refusal.ValidationFailed) rotated.getLeft())
                                        .errors()
                                        .map(FieldError::field))
                                .containsExactly("graceMinutes");
                    } else if (revoked) {
                        assertThat(rotated.getLeft()).isEqualTo(new Refusal.TokenRevoked());
                    } else {
                        assertThat(rotated.get().value().secretHash()).isEqualTo(hashOf(newSecret));
                        assertThat(rotated.get().events().head().detail())
                                .containsExactly("graceMinutes=" + graceMinutes);
                    }
                });
    }

    @Test
    void R19_a_rotated_token_keeps_its_seat_and_its_old_secret_verifies_only_during_the_grace_period() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        seeds(),
                        twoMachines(),
                        instants(),
                        integers().between(0, 24 * 60).zip(steps(), (g, s) -> List.of(g, s)))
                .checkAssert((seed, machines, rotatedAt, graceAndStep) -> {
                    int grace = (Integer) graceAndStep.get(0);
                    var after = (Duration) graceAndStep.get(1);
                    var settings = LicensingSettings.defaults();
                    var licensing = new Licensing(settings);
                    var m = machines.get(0);
                    var oldSecret = secret(TokenKind.INTEGRATION, seed);
                    var newSecret = secret(TokenKind.INTEGRATION, seed + 1);
                    var token = token(
                            ACCOUNT,
                            new TokenId("tok_rot"),
                            oldSecret,
                            Option.none(),
                            rotatedAt.minus(Duration.ofDays(1)));
                    var seat = assignedSeat(token, m, rotatedAt);

                    var rotated = licensing
                            .rotate(token, newSecret, hashOf(newSecret), grace, rotatedAt)
                            .get()
                            .value();

                    var at = rotatedAt.plus(after);
                    var held = assignedSeat(rotated, m, rotatedAt, at);
                    assertThat(held.token())
                            .as("the seat is keyed by the unchanged id")
                            .isEqualTo(token.id());
                    assertThat(licensing
                                    .verify(rotated, eligibleAccount(ACCOUNT), held, lastUse(m), at)
                                    .get()
                                    .assignment())
                            .isEqualTo(Assignment.CONTINUING);
                    assertThat(licensing
                                    .verify(
                                            rotated,
                                            eligibleAccount(ACCOUNT),
                                            seat,
                                            lastUse(machines.get(1)),
                                            rotatedAt)
                                    .getLeft())
                            .isInstanceOf(Refusal.SeatAssignedToOtherMachine.class);
                    var presentedOld = licensing.present(
                            TokenKind.INTEGRATION, Option.some(oldSecret.reveal()), Option.some(m.value()));
                    assertThat(rotated.acceptsSecret(hashOf(presentedOld.get().secret()), at))
                            .isEqualTo(at.isBefore(rotatedAt.plus(Duration.ofMinutes(grace))));
                    assertThat(rotated.acceptsSecret(hashOf(newSecret), at)).isTrue();
                });
    }

    // ---- R20 ----------------------------------------------------------------------------------

    @Test
    void R20_from_its_expiry_a_token_is_refused_expired_its_seat_is_free_as_expiry_and_it_holds_no_slot() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), settings())
                .checkAssert((seed, machines, expiry, settings) -> {
                    var licensing = new Licensing(settings);
                    var m = machines.get(0);
                    var account = withIntegrationLimit(eligibleAccount(ACCOUNT), 1);
                    var token = integrationToken(0, seed, Option.some(expiry), expiry.minus(Duration.ofDays(1)));
                    var seat = assignedSeat(token, m, expiry.minusNanos(1));

                    var atExpiry = licensing.verify(token, account, seat, lastUse(m), expiry);
                    var settled = licensing.settle(token, seat, expiry);

                    assertThat(atExpiry.getLeft()).isEqualTo(new Refusal.TokenExpired());
                    assertThat(token.statusAt(expiry, settings)).isEqualTo(TokenStatus.EXPIRED);
                    assertThat(settled.value()).isInstanceOf(FreeSeat.class);
                    assertThat(settled.events().map(LicensingProperties::describe))
                            .containsExactly("SEAT_RELEASED:EXPIRY");
                    assertThat(settled.events().head().machine()).containsExactly(m);
                    assertThat(licensing.sweep(token, seat, expiry)).hasSize(1);
                    assertThat(licensing
                                    .releaseManually(account, token, seat, expiry)
                                    .getLeft())
                            .isEqualTo(new Refusal.SeatNotAssigned());
                    assertThat(create(licensing, account, List.of(token), TokenKind.INTEGRATION, seed, expiry)
                                    .isRight())
                            .as("the slot is free")
                            .isTrue();
                    // 1 ns before: still valid, still holding its slot and its seat
                    var before = expiry.minusNanos(1);
                    assertThat(licensing
                                    .verify(token, account, seat, lastUse(m), before)
                                    .get()
                                    .assignment())
                            .isEqualTo(Assignment.CONTINUING);
                    assertThat(licensing.settle(token, seat, before).events()).isEmpty();
                    assertThat(create(licensing, account, List.of(token), TokenKind.INTEGRATION, seed, before)
                                    .getLeft())
                            .isEqualTo(new Refusal.IntegrationTokenLimitReached(1));
                });
    }

    // ---- R22 ----------------------------------------------------------------------------------

    @Test
    void R22_an_operator_releases_a_seat_whatever_the_quota_with_the_reason_recorded_and_no_quota_used() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        seeds(),
                        twoMachines(),
                        instants(),
                        dev.seatwarden.domain.fixtures.DomainGenerators.nameStrings())
                .checkAssert((seed, machines, now, reason) -> {
                    var settings = LicensingSettings.defaults();
                    var licensing = new Licensing(settings);
                    var m = machines.get(0);
                    var token = apiToken(seed, now.minus(Duration.ofDays(1)));
                    var exhausted = withQuotaUses(eligibleAccount(ACCOUNT), List.of(now.minusSeconds(1)));
                    var seat = assignedSeat(token, m, now.minusSeconds(1));
                    assertThat(licensing
                                    .releaseManually(exhausted, token, seat, now)
                                    .isLeft())
                            .isTrue();

                    var released = licensing
                            .releaseByOperator(token, seat, "  " + reason + " ", now)
                            .get();

                    assertThat(released.account()).as("no quota used").isEmpty();
                    assertThat(released.seat().releasedManuallyFrom())
                            .as("no re-activation")
                            .isEmpty();
                    assertThat(released.events().map(LicensingProperties::describe))
                            .containsExactly("SEAT_RELEASED:OPERATOR: " + reason);
                    assertThat(released.events().head().machine()).containsExactly(m);
                });
    }

    @Test
    void R22_operator_release_refuses_an_invalid_reason_then_a_revoked_token_then_a_free_seat() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        booleans().all().zip(booleans().all(), booleans().all(), (a, b, c) -> List.of(a, b, c)),
                        arbitrary().pick("", "   ", "bad\u0007reason", "x".repeat(501), "\u202Eevil"),
                        seeds().zip(twoMachines(), (s, m) -> List.of(s, m)),
                        instants())
                .checkAssert((flags, badReason, seedAndMachines, now) -> {
                    boolean invalid = flags.get(0);
                    boolean revoked = flags.get(1);
                    boolean free = flags.get(2);
                    long seed = (Long) seedAndMachines.get(0);
                    var m = (MachineId) ((List<?>) seedAndMachines.get(1)).get(0);
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var token = apiToken(seed, now.minus(Duration.ofDays(1)));
                    if (revoked) {
                        token = token.revoke(RevocationReason.OWNER, now.minusSeconds(1))
                                .get()
                                .value();
                    }
                    Seat seat = free ? freeSeat(token) : assignedSeat(token, m, now.minusSeconds(1));

                    var released =
                            licensing.releaseByOperator(token, seat, invalid ? badReason : "customer asked", now);

                    var expected = invalid
                            ? Option.some("VALIDATION_FAILED")
                            : revoked
                                    ? Option.some("TOKEN_REVOKED")
                                    : free ? Option.some("SEAT_NOT_ASSIGNED") : Option.<String>none();
                    assertThat(released.swap().map(Refusal::code).toOption()).isEqualTo(expected);
                    if (invalid) {
                        assertThat(((Refusal.ValidationFailed) released.getLeft())
                                        .errors()
                                        .map(FieldError::field))
                                .containsExactly("reason");
                    }
                });
    }
}
