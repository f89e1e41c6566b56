package dev.seatwarden.domain.seat;

import static dev.seatwarden.domain.fixtures.DomainGenerators.ACCOUNT;
import static dev.seatwarden.domain.fixtures.DomainGenerators.BASE;
import static dev.seatwarden.domain.fixtures.DomainGenerators.distinctMachines;
import static dev.seatwarden.domain.fixtures.DomainGenerators.durations;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.steps;
import static dev.seatwarden.domain.fixtures.DomainGenerators.tokenIds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.twoMachines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** R12, R13, R15, R16 and the R13 boundary of R18: one token's seat and the machines that claim it. */
class SeatProperties {

    private static final int EXAMPLES = 300;

    private static InactivityPolicy inactivity(LicensingSettings settings) {
        return InactivityPolicy.from(settings);
    }

    private static FreeSeat free(TokenId token) {
        return Seat.of(token, ACCOUNT).withVersion(3);
    }

    private static AssignedSeat assigned(TokenId token, MachineId machine, Instant lastActivity) {
        return new AssignedSeat(token, ACCOUNT, machine, lastActivity.minusSeconds(1), lastActivity, 3);
    }

    /** A fraction, in [0, 1), of a duration: some time inside a period. */
    private static Duration inside(Duration period, long fraction) {
        return Duration.ofNanos(Math.floorMod(fraction, period.toNanos()));
    }

    private static DomainEvent event(EventType type, Instant at, TokenId token, MachineId machine, String detail) {
        return DomainEvent.ofToken(type, at, ACCOUNT, token, Option.some(machine), Option.of(detail));
    }

    @Test
    void R12_a_free_seat_goes_to_the_verifying_machine_as_a_new_assignment() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings())
                .checkAssert((token, machines, now, settings) -> {
                    var m = machines.get(0);

                    var claim = free(token).claim(m, now, inactivity(settings), settings.useRecordingGranularity());

                    assertThat(claim.isRight()).isTrue();
                    assertThat(claim.get().assignment()).isEqualTo(Assignment.NEW);
                    assertThat(claim.get().seat().machine()).isEqualTo(m);
                    assertThat(claim.get().seat().assignedAt()).isEqualTo(now);
                    assertThat(claim.get().seat().lastActivityAt()).isEqualTo(now);
                    assertThat(claim.get().changed()).isTrue();
                    assertThat(claim.get().events())
                            .containsExactly(event(EventType.SEAT_ASSIGNED, now, token, m, null));
                });
    }

    @Test
    void R12_the_holding_machine_continues_its_activity_refreshed_once_the_granularity_has_passed() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings().zip(longs().all(), List::of))
                .checkAssert((token, machines, lastActivity, settingsAndFraction) -> {
                    var settings = (LicensingSettings) settingsAndFraction.get(0);
                    var elapsed = inside(settings.inactivityPeriod(), (Long) settingsAndFraction.get(1));
                    var granularity = settings.useRecordingGranularity();
                    var m = machines.get(0);
                    var now = lastActivity.plus(elapsed);

                    var claim = assigned(token, m, lastActivity).claim(m, now, inactivity(settings), granularity);

                    boolean due = elapsed.compareTo(granularity) >= 0;
                    assertThat(claim.get().assignment()).isEqualTo(Assignment.CONTINUING);
                    assertThat(claim.get().changed()).isEqualTo(due);
                    assertThat(claim.get().seat().lastActivityAt()).isEqualTo(due ? now : lastActivity);
                    assertThat(claim.get().seat().machine()).isEqualTo(m);
                    assertThat(claim.get().events()).isEmpty();
                });
    }

    @Test
    void R12_the_activity_refresh_happens_at_exactly_the_granularity_and_not_1ns_before() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings())
                .assuming((token, machines, at, settings) ->
                        !settings.useRecordingGranularity().isZero())
                .checkAssert((token, machines, lastActivity, settings) -> {
                    var m = machines.get(0);
                    var granularity = settings.useRecordingGranularity();
                    var seat = assigned(token, m, lastActivity);

                    var atGranularity =
                            seat.claim(m, lastActivity.plus(granularity), inactivity(settings), granularity);
                    var justBefore = seat.claim(
                            m, lastActivity.plus(granularity).minusNanos(1), inactivity(settings), granularity);

                    assertThat(atGranularity.get().changed()).isTrue();
                    assertThat(justBefore.get().changed()).isFalse();
                });
    }

    @Test
    void R12_another_machine_is_refused_while_the_holder_is_active_told_only_when_the_seat_frees_itself() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings().zip(longs().all(), List::of))
                .checkAssert((token, machines, lastActivity, settingsAndFraction) -> {
                    var settings = (LicensingSettings) settingsAndFraction.get(0);
                    var elapsed = inside(settings.inactivityPeriod(), (Long) settingsAndFraction.get(1));

                    var claim = assigned(token, machines.get(0), lastActivity)
                            .claim(
                                    machines.get(1),
                                    lastActivity.plus(elapsed),
                                    inactivity(settings),
                                    settings.useRecordingGranularity());

                    // equality with a refusal built from the time alone: it carries nothing else
                    assertThat(claim.getLeft())
                            .isEqualTo(new Refusal.SeatAssignedToOtherMachine(
                                    lastActivity.plus(settings.inactivityPeriod())));
                    assertThat(Refusal.SeatAssignedToOtherMachine.class.getRecordComponents())
                            .extracting(c -> (Object) c.getType())
                            .containsExactly(Instant.class);
                });
    }

    @Test
    void R13_an_inactive_holder_loses_the_seat_to_another_machine_with_an_automatic_release() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings().zip(steps(), List::of))
                .checkAssert((token, machines, lastActivity, settingsAndStep) -> {
                    var settings = (LicensingSettings) settingsAndStep.get(0);
                    var now = lastActivity.plus(settings.inactivityPeriod()).plus((Duration) settingsAndStep.get(1));
                    var m = machines.get(0);
                    var n = machines.get(1);

                    var claim = assigned(token, m, lastActivity)
                            .claim(n, now, inactivity(settings), settings.useRecordingGranularity());

                    assertThat(claim.get().assignment()).isEqualTo(Assignment.NEW);
                    assertThat(claim.get().seat().machine()).isEqualTo(n);
                    assertThat(claim.get().events())
                            .containsExactly(
                                    event(EventType.SEAT_RELEASED, now, token, m, "AUTO"),
                                    event(EventType.SEAT_ASSIGNED, now, token, n, null));
                });
    }

    @Test
    void R18_at_exactly_the_inactivity_period_the_seat_is_free_and_1ns_or_1ms_before_it_is_not() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings())
                .checkAssert((token, machines, lastActivity, settings) -> {
                    var policy = inactivity(settings);
                    var seat = assigned(token, machines.get(0), lastActivity);
                    var end = lastActivity.plus(settings.inactivityPeriod());

                    var atEnd = seat.effectiveAt(end, policy);

                    assertThat(atEnd.value()).isInstanceOf(FreeSeat.class);
                    assertThat(atEnd.events())
                            .containsExactly(event(EventType.SEAT_RELEASED, end, token, machines.get(0), "AUTO"));
                    for (var before : List.of(end.minusNanos(1), end.minusMillis(1))) {
                        var stillHeld = seat.effectiveAt(before, policy);
                        assertThat(stillHeld.value()).isEqualTo(seat);
                        assertThat(stillHeld.events()).isEmpty();
                        assertThat(policy.isInactive(lastActivity, before)).isFalse();
                        assertThat(seat.claim(machines.get(1), before, policy, settings.useRecordingGranularity())
                                        .isLeft())
                                .isTrue();
                    }
                    assertThat(policy.isInactive(lastActivity, end)).isTrue();
                    assertThat(seat.claim(machines.get(1), end, policy, settings.useRecordingGranularity())
                                    .get()
                                    .assignment())
                            .isEqualTo(Assignment.NEW);
                });
    }

    @Test
    void R13_a_seat_inactive_for_the_period_is_free_whether_or_not_a_sweep_has_run() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings().zip(steps(), List::of))
                .checkAssert((token, machines, lastActivity, settingsAndStep) -> {
                    var settings = (LicensingSettings) settingsAndStep.get(0);
                    var now = lastActivity.plus(settings.inactivityPeriod()).plus((Duration) settingsAndStep.get(1));
                    var stored = assigned(token, machines.get(0), lastActivity);

                    var release = stored.release(ReleaseKind.MANUAL, Option.none(), now, inactivity(settings));

                    assertThat(stored.effectiveAt(now, inactivity(settings)).value())
                            .isInstanceOf(FreeSeat.class);
                    assertThat(release.getLeft()).isEqualTo(new Refusal.SeatNotAssigned());
                    assertThat(ReleaseKind.AUTO.usesQuota()).isFalse();
                });
    }

    @Test
    void R15_the_machine_a_seat_was_manually_released_from_gets_it_back_as_reactivated_if_it_verifies_first() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), settings().zip(steps(), List::of))
                .checkAssert((token, machines, releasedAt, settingsAndStep) -> {
                    var settings = (LicensingSettings) settingsAndStep.get(0);
                    var m = machines.get(0);
                    var policy = inactivity(settings);
                    var released = assigned(token, m, releasedAt)
                            .release(ReleaseKind.MANUAL, Option.none(), releasedAt, policy)
                            .get();
                    // even long after, while no other machine took the seat
                    var now = releasedAt.plus((Duration) settingsAndStep.get(1));

                    var claim = released.value().claim(m, now, policy, settings.useRecordingGranularity());

                    assertThat(released.events())
                            .containsExactly(event(EventType.SEAT_RELEASED, releasedAt, token, m, "MANUAL"));
                    assertThat(claim.get().assignment()).isEqualTo(Assignment.REACTIVATED);
                    assertThat(claim.get().seat().machine()).isEqualTo(m);
                    assertThat(claim.get().events())
                            .containsExactly(event(EventType.SEAT_REACTIVATED, now, token, m, null));
                    assertThat(ReleaseKind.MANUAL.usesQuota()).isTrue();
                });
    }

    @Test
    void R15_there_is_no_reactivation_after_another_machine_took_the_seat_or_after_a_release_that_is_not_manual() {
        Gen<ReleaseKind> otherKinds =
                arbitrary().pick(ReleaseKind.AUTO, ReleaseKind.REVOCATION, ReleaseKind.EXPIRY, ReleaseKind.OPERATOR);
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), otherKinds)
                .checkAssert((token, machines, at, kind) -> {
                    var settings = LicensingSettings.defaults();
                    var policy = inactivity(settings);
                    var m = machines.get(0);
                    var n = machines.get(1);
                    var gran = settings.useRecordingGranularity();

                    var notManual = assigned(token, m, at)
                            .freeAs(kind, Option.none(), at)
                            .value()
                            .claim(m, at.plusSeconds(1), policy, gran);
                    var manual = assigned(token, m, at)
                            .release(ReleaseKind.MANUAL, Option.none(), at, policy)
                            .get()
                            .value();
                    var takenByN =
                            manual.claim(n, at.plusSeconds(1), policy, gran).get();
                    var releasedByN = takenByN.seat()
                            .release(kind, Option.none(), at.plusSeconds(2), policy)
                            .get()
                            .value();
                    var mAfterN = releasedByN.claim(m, at.plusSeconds(3), policy, gran);

                    assertThat(notManual.get().assignment()).isEqualTo(Assignment.NEW);
                    assertThat(takenByN.assignment()).isEqualTo(Assignment.NEW);
                    assertThat(mAfterN.get().assignment()).isEqualTo(Assignment.NEW);
                    assertThat(kind.usesQuota()).isFalse();
                });
    }

    @Test
    void R16_applied_one_after_another_the_first_claim_wins_and_every_other_machine_is_refused() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), integers().between(2, 6).flatMap(n -> distinctMachines(n)), instants(), settings())
                .checkAssert((token, machines, now, settings) -> {
                    var policy = inactivity(settings);
                    Seat seat = free(token);
                    int winners = 0;
                    for (var machine : machines) {
                        var claim = seat.claim(machine, now, policy, settings.useRecordingGranularity());
                        if (claim.isRight()) {
                            winners++;
                            seat = claim.get().seat();
                        }
                    }

                    assertThat(winners).isEqualTo(1);
                    assertThat(((AssignedSeat) seat).machine()).isEqualTo(machines.head());
                });
    }

    @Test
    void R16_a_claim_or_release_keeps_the_version_it_was_read_at_so_a_store_can_refuse_a_concurrent_write() {
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), instants(), longs().between(0, 1_000))
                .checkAssert((token, machines, now, version) -> {
                    var policy = InactivityPolicy.from(LicensingSettings.defaults());
                    var gran = Duration.ofSeconds(60);
                    var freeSeat = Seat.of(token, ACCOUNT).withVersion(version);
                    var claimed = freeSeat.claim(machines.get(0), now, policy, gran)
                            .get()
                            .seat();
                    var continued = claimed.claim(machines.get(0), now.plusSeconds(61), policy, gran)
                            .get()
                            .seat();
                    var released = claimed.release(ReleaseKind.MANUAL, Option.none(), now.plusSeconds(1), policy)
                            .get()
                            .value();

                    assertThat(List.of(claimed.version(), continued.version(), released.version()))
                            .containsOnly(version);
                });
    }

    // ---- the seat over time against a reference model ----------------------------------------

    /** One step of a scenario: after {@code step}, machine {@code machine} verifies, or the owner releases. */
    record Step(Duration step, int machine, boolean release) {}

    /** What the rules say the seat is: who holds it, since when it is active, who released it manually. */
    static final class Model {
        Option<Integer> holder = Option.none();
        Instant lastActivity;
        Option<Integer> releasedManuallyFrom = Option.none();
    }

    @Test
    void R12_R13_R15_claims_and_releases_from_machines_M_and_N_over_clock_steps_follow_the_reference_model() {
        Gen<Step> steps = steps().zip(
                        integers().between(0, 1),
                        booleans().all(),
                        booleans().all(),
                        (d, m, r, r2) -> new Step(d, m, r && r2));
        qt().withExamples(EXAMPLES)
                .forAll(tokenIds(), twoMachines(), settings(), lists().of(steps).ofSizeBetween(1, 30))
                .checkAssert((token, machines, settings, scenario) -> {
                    var policy = inactivity(settings);
                    var period = settings.inactivityPeriod();
                    var gran = settings.useRecordingGranularity();
                    Seat seat = free(token);
                    var model = new Model();
                    var now = BASE;
                    for (var step : scenario) {
                        now = now.plus(step.step());
                        boolean storedAssigned = seat instanceof AssignedSeat;
                        // the model: R13 first, then the command
                        boolean expired = model.holder.isDefined() && !now.isBefore(model.lastActivity.plus(period));
                        if (expired) {
                            model.holder = Option.none();
                        }
                        if (step.release()) {
                            var released = seat.release(ReleaseKind.MANUAL, Option.none(), now, policy);
                            if (model.holder.isEmpty()) {
                                assertThat(released.getLeft()).isEqualTo(new Refusal.SeatNotAssigned());
                            } else {
                                assertThat(released.get().value().releasedManuallyFrom())
                                        .containsExactly(machines.get(model.holder.get()));
                                model.releasedManuallyFrom = model.holder;
                                model.holder = Option.none();
                                seat = released.get().value();
                            }
                        } else {
                            var machine = machines.get(step.machine());
                            var claim = seat.claim(machine, now, policy, gran);
                            if (model.holder.contains(step.machine())) {
                                assertThat(claim.get().assignment()).isEqualTo(Assignment.CONTINUING);
                                if (!now.isBefore(model.lastActivity.plus(gran))) {
                                    model.lastActivity = now;
                                }
                                seat = claim.get().seat();
                            } else if (model.holder.isDefined()) {
                                assertThat(claim.getLeft())
                                        .isEqualTo(new Refusal.SeatAssignedToOtherMachine(
                                                model.lastActivity.plus(period)));
                            } else {
                                var expected = model.releasedManuallyFrom.contains(step.machine())
                                        ? Assignment.REACTIVATED
                                        : Assignment.NEW;
                                assertThat(claim.get().assignment()).isEqualTo(expected);
                                assertThat(claim.get().events().filter(e -> e.type() == EventType.SEAT_RELEASED))
                                        .as("automatic release of a stored seat the rules see free")
                                        .hasSize(storedAssigned ? 1 : 0);
                                model.holder = Option.some(step.machine());
                                model.lastActivity = now;
                                model.releasedManuallyFrom = Option.none();
                                seat = claim.get().seat();
                            }
                        }
                        // invariant: the seat as the rules see it is held by the model's holder, or free
                        var effective = seat.effectiveAt(now, policy).value();
                        if (model.holder.isDefined()) {
                            assertThat(effective).isInstanceOf(AssignedSeat.class);
                            assertThat(((AssignedSeat) effective).machine())
                                    .isEqualTo(machines.get(model.holder.get()));
                            assertThat(((AssignedSeat) effective).lastActivityAt())
                                    .isEqualTo(model.lastActivity);
                        } else {
                            assertThat(effective).isInstanceOf(FreeSeat.class);
                        }
                    }
                });
    }

    @Test
    void R13_the_auto_release_time_is_the_last_recorded_activity_plus_the_period() {
        qt().withExamples(EXAMPLES)
                .forAll(instants(), durations(Duration.ofNanos(1), Duration.ofDays(90)))
                .checkAssert((lastActivity, period) -> {
                    var policy = new InactivityPolicy(period);

                    assertThat(policy.autoReleaseAt(lastActivity)).isEqualTo(lastActivity.plus(period));
                    assertThat(policy.isInactive(lastActivity, lastActivity.plus(period)))
                            .isTrue();
                    assertThat(policy.isInactive(
                                    lastActivity, lastActivity.plus(period).minusNanos(1)))
                            .isFalse();
                });
    }
}
