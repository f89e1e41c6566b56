package dev.seatwarden.domain.licensing;

import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.lastUse;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.twoMachines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * R17 (and R5 for events): every change of a token's life is an event with its time, account,
 * token and machine where relevant, and no event ever shows a secret or its hash.
 */
class AuditEventProperties {

    private static final int EXAMPLES = 200;

    /** An event as expected: type, detail, machine (null where none). */
    record Expected(EventType type, String detail, MachineId machine) {}

    @Test
    void R17_a_tokens_whole_life_is_recorded_as_typed_events_with_time_account_token_and_machine_and_no_secret() {
        qt().withExamples(EXAMPLES)
                .forAll(seeds(), twoMachines(), instants(), arbitrary().enumValues(TokenKind.class))
                .checkAssert((seed, machines, start, kind) -> {
                    var licensing = new Licensing(LicensingSettings.defaults());
                    var m = machines.get(0);
                    var n = machines.get(1);
                    var accountId = new AccountId("acc_" + Long.toHexString(seed));
                    var tokenId = new TokenId("tok_" + Long.toHexString(~seed));
                    var events = new ArrayList<DomainEvent>();
                    var expected = new ArrayList<Expected>();
                    var times = new ArrayList<Instant>();
                    var secrets = new ArrayList<String>();
                    var hashes = new ArrayList<SecretHash>();

                    // account created and changed
                    var now = start;
                    var created =
                            Account.create(accountId, new Email("x@example.test"), Plan.STARTER, Option.none(), now);
                    record(events, times, created.events(), now);
                    expected.add(new Expected(EventType.ACCOUNT_CREATED, "STARTER", null));
                    now = now.plusSeconds(1);
                    var changed = created.value().change(Option.some(Plan.PRO), Option.none(), Option.some(3), now);
                    record(events, times, changed.events(), now);
                    expected.add(new Expected(EventType.ACCOUNT_CHANGED, "plan=PRO", null));
                    expected.add(new Expected(EventType.ACCOUNT_CHANGED, "integrationTokenLimit=3", null));
                    Account account = changed.value();

                    // token created
                    now = now.plusSeconds(1);
                    var first = secret(kind, seed);
                    secrets.add(first.reveal());
                    hashes.add(hashOf(first));
                    var draft = new TokenDraft(new TokenName("ci"), kind, Option.none(), Option.none());
                    var made = licensing
                            .create(account, List.empty(), draft, tokenId, first, hashOf(first), now)
                            .get();
                    record(events, times, made.events(), now);
                    expected.add(new Expected(EventType.TOKEN_CREATED, kind.name(), null));
                    Token token = made.token();
                    Seat seat = made.seat();

                    // M gets the seat; N is refused
                    now = now.plusSeconds(1);
                    var byM = licensing
                            .verify(token, account, seat, lastUse(m), now)
                            .get();
                    record(events, times, byM.events(), now);
                    expected.add(new Expected(EventType.SEAT_ASSIGNED, null, m));
                    token = byM.token().getOrElse(token);
                    seat = byM.seat().getOrElse(seat);
                    now = now.plusSeconds(1);
                    var refusal = licensing
                            .verify(token, account, seat, lastUse(n), now)
                            .getLeft();
                    events.add(licensing.verificationRefused(token, Option.some(n), refusal, now));
                    times.add(now);
                    expected.add(new Expected(EventType.VERIFICATION_REFUSED, "SEAT_ASSIGNED_TO_OTHER_MACHINE", n));

                    // manual release; a second one is refused by the rate limit
                    now = now.plusSeconds(1);
                    var released =
                            licensing.releaseManually(account, token, seat, now).get();
                    record(events, times, released.events(), now);
                    expected.add(new Expected(EventType.SEAT_RELEASED, "MANUAL", m));
                    account = released.account().get();
                    seat = released.seat();

                    // M comes back: re-activated
                    now = now.plusSeconds(1);
                    var back = licensing
                            .verify(token, account, seat, lastUse(m), now)
                            .get();
                    record(events, times, back.events(), now);
                    expected.add(new Expected(EventType.SEAT_REACTIVATED, null, m));
                    account = back.account().getOrElse(account);
                    seat = back.seat().getOrElse(seat);
                    now = now.plusSeconds(1);
                    var limited =
                            licensing.releaseManually(account, token, seat, now).getLeft();
                    events.add(licensing.releaseRefused(token, limited, now));
                    times.add(now);
                    expected.add(new Expected(EventType.SEAT_RELEASE_REFUSED, "SEAT_RELEASE_RATE_LIMITED", null));

                    // rotated with a grace period
                    now = now.plusSeconds(1);
                    var second = secret(kind, seed + 1);
                    secrets.add(second.reveal());
                    hashes.add(hashOf(second));
                    var rotated = licensing
                            .rotate(token, second, hashOf(second), 30, now)
                            .get();
                    record(events, times, rotated.events(), now);
                    expected.add(new Expected(EventType.TOKEN_ROTATED, "graceMinutes=30", null));
                    token = rotated.value();

                    // an operator releases; N takes the seat; N falls inactive and a sweep frees it
                    now = now.plusSeconds(1);
                    var byOperator = licensing
                            .releaseByOperator(token, seat, "support ticket 42", now)
                            .get();
                    record(events, times, byOperator.events(), now);
                    expected.add(new Expected(EventType.SEAT_RELEASED, "OPERATOR: support ticket 42", m));
                    seat = byOperator.seat();
                    now = now.plusSeconds(1);
                    var byN = licensing
                            .verify(token, account, seat, lastUse(n), now)
                            .get();
                    record(events, times, byN.events(), now);
                    expected.add(new Expected(EventType.SEAT_ASSIGNED, null, n));
                    seat = byN.seat().get();
                    now = now.plus(Duration.ofDays(14));
                    var swept = licensing.sweep(token, seat, now).get();
                    record(events, times, swept.events(), now);
                    expected.add(new Expected(EventType.SEAT_RELEASED, "AUTO", n));
                    seat = swept.value();

                    // M again, then the secret is reported as leaked
                    now = now.plusSeconds(1);
                    var again = licensing
                            .verify(token, account, seat, lastUse(m), now)
                            .get();
                    record(events, times, again.events(), now);
                    expected.add(new Expected(EventType.SEAT_ASSIGNED, null, m));
                    seat = again.seat().get();
                    now = now.plusSeconds(1);
                    var leaked = licensing
                            .revoke(token, seat, RevocationReason.LEAKED, now)
                            .get();
                    record(events, times, leaked.events(), now);
                    expected.add(new Expected(EventType.TOKEN_REVOKED, "LEAKED", null));
                    expected.add(new Expected(EventType.SEAT_RELEASED, "REVOCATION", m));

                    assertThat(events).hasSameSizeAs(expected);
                    for (int i = 0; i < events.size(); i++) {
                        var event = events.get(i);
                        var want = expected.get(i);
                        assertThat(event.type()).as("event %d", i).isEqualTo(want.type());
                        assertThat(event.detail())
                                .as("detail of %s", want.type())
                                .isEqualTo(Option.of(want.detail()));
                        assertThat(event.machine())
                                .as("machine of %s", want.type())
                                .isEqualTo(Option.of(want.machine()));
                        assertThat(event.at()).isEqualTo(times.get(i));
                        assertThat(event.account()).isEqualTo(accountId);
                        boolean aboutToken = !want.type().name().startsWith("ACCOUNT_");
                        assertThat(event.token()).isEqualTo(aboutToken ? Option.some(tokenId) : Option.none());
                        // R5: never a secret nor its hash, not even a part of them
                        for (var forbidden :
                                List.ofAll(secrets).appendAll(List.ofAll(hashes).map(SecretHash::value))) {
                            assertThat(event.toString()).doesNotContain(forbidden.substring(0, 16));
                            assertThat(event.detail().getOrElse("")).doesNotContain(forbidden.substring(4, 12));
                        }
                    }
                });
    }

    private static void record(
            java.util.List<DomainEvent> events,
            java.util.List<Instant> times,
            List<DomainEvent> recorded,
            Instant now) {
        recorded.forEach(e -> {
            events.add(e);
            times.add(now);
        });
    }

    @Test
    void R17_event_types_are_exactly_the_documented_list() {
        assertThat(List.of(EventType.values()).map(Enum::name))
                .containsExactly(
                        "ACCOUNT_CREATED",
                        "ACCOUNT_CHANGED",
                        "TOKEN_CREATED",
                        "TOKEN_ROTATED",
                        "TOKEN_REVOKED",
                        "SEAT_ASSIGNED",
                        "SEAT_REACTIVATED",
                        "SEAT_RELEASED",
                        "SEAT_RELEASE_REFUSED",
                        "VERIFICATION_REFUSED");
    }

    @Test
    void R17_a_refused_verification_of_a_known_token_is_an_event_naming_the_refusal_code() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        seeds(),
                        twoMachines(),
                        instants(),
                        arbitrary()
                                .pick(java.util.List.<dev.seatwarden.domain.shared.Refusal>of(
                                        new dev.seatwarden.domain.shared.Refusal.TokenRevoked(),
                                        new dev.seatwarden.domain.shared.Refusal.TokenExpired(),
                                        new dev.seatwarden.domain.shared.Refusal.SubscriptionInactive(),
                                        new dev.seatwarden.domain.shared.Refusal.PlanNotEligible(),
                                        new dev.seatwarden.domain.shared.Refusal.SeatAssignedToOtherMachine(
                                                Instant.parse("2026-02-01T00:00:00Z")))))
                .checkAssert((seed, machines, now, refusal) -> {
                    var token = dev.seatwarden.domain.fixtures.DomainGenerators.token(
                            new AccountId("acc_r"), TokenKind.API, seed, now.minusSeconds(1));

                    var event = new Licensing(LicensingSettings.defaults())
                            .verificationRefused(token, Option.some(machines.get(0)), refusal, now);

                    assertThat(event)
                            .isEqualTo(new DomainEvent(
                                    EventType.VERIFICATION_REFUSED,
                                    now,
                                    new AccountId("acc_r"),
                                    Option.some(token.id()),
                                    Option.some(machines.get(0)),
                                    Option.some(refusal.code())));
                });
    }
}
