package dev.seatwarden.domain.licensing;

import static dev.seatwarden.domain.fixtures.DomainGenerators.BASE62;
import static dev.seatwarden.domain.fixtures.DomainGenerators.account;
import static dev.seatwarden.domain.fixtures.DomainGenerators.accountIds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.assignedSeat;
import static dev.seatwarden.domain.fixtures.DomainGenerators.freeSeat;
import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.lastUse;
import static dev.seatwarden.domain.fixtures.DomainGenerators.machineIdStrings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * "Which refusal comes first": states that fail several checks at once answer with the first in
 * the documented order. {@link Licensing#present} makes the offline checks, {@link
 * Licensing#verify} the rest; the lookup between them (TOKEN_UNKNOWN) is the hash of the presented
 * secret not being accepted by the stored token.
 */
class VerificationOrderProperties {

    private static final int EXAMPLES = 500;

    private static final java.util.List<String> ORDER = java.util.List.of(
            "TOKEN_MISSING",
            "TOKEN_MALFORMED",
            "TOKEN_KIND_MISMATCH",
            "MACHINE_ID_INVALID",
            "TOKEN_UNKNOWN",
            "TOKEN_REVOKED",
            "TOKEN_EXPIRED",
            "SUBSCRIPTION_INACTIVE",
            "PLAN_NOT_ELIGIBLE",
            "SEAT_ASSIGNED_TO_OTHER_MACHINE");

    private static final Gen<Option<String>> INVALID_MACHINES = arbitrary()
            .pick(java.util.List.of(
                    Option.<String>none(),
                    Option.some(""),
                    Option.some("has space"),
                    Option.some("caf\u00e9"),
                    Option.some("x".repeat(129)),
                    Option.some("tab\there"),
                    Option.some("\u0000")));

    /**
     * One verification's circumstances: which checks should fail (a flag per code of the order),
     * and the values to build it from.
     */
    record Case(
            java.util.List<Boolean> failing,
            TokenKind surface,
            long seed,
            int position,
            Option<String> invalidMachine,
            String machine,
            String otherMachine,
            AccountId account,
            Instant now,
            LicensingSettings settings) {

        boolean fails(String code) {
            return failing.get(ORDER.indexOf(code));
        }
    }

    private static final Gen<Case> CASES = in -> {
        var failing = new java.util.ArrayList<Boolean>();
        for (int i = 0; i < ORDER.size(); i++) {
            failing.add(booleans().all().generate(in));
        }
        return new Case(
                failing,
                arbitrary().enumValues(TokenKind.class).generate(in),
                seeds().generate(in),
                integers().between(0, 41).generate(in),
                INVALID_MACHINES.generate(in),
                machineIdStrings().generate(in),
                machineIdStrings().generate(in),
                accountIds().generate(in),
                instants().generate(in),
                settings().generate(in));
    };

    private static TokenKind other(TokenKind kind) {
        return kind == TokenKind.API ? TokenKind.INTEGRATION : TokenKind.API;
    }

    /** The stored token, its account and its seat, failing the stored checks the case asks for. */
    record Stored(Token token, dev.seatwarden.domain.account.Account account, Seat seat) {}

    private static Stored stored(Case c, TokenKind kind) {
        var createdAt = c.now().minus(Duration.ofDays(1));
        var secret = secret(kind, c.seed());
        var expiry = c.fails("TOKEN_EXPIRED") ? Option.some(c.now().minusSeconds(1)) : Option.<Instant>none();
        var token = dev.seatwarden.domain.fixtures.DomainGenerators.token(
                c.account(), new TokenId("tok_o"), secret, expiry, createdAt);
        if (c.fails("TOKEN_REVOKED")) {
            token = token.revoke(RevocationReason.OWNER, c.now().minusSeconds(2))
                    .get()
                    .value();
        }
        var plan = c.fails("PLAN_NOT_ELIGIBLE") ? Plan.STARTER : Plan.ENTERPRISE;
        var subscription = c.fails("SUBSCRIPTION_INACTIVE") ? Subscription.LAPSED : Subscription.ACTIVE;
        var otherMachine = new MachineId(differentFrom(c.machine(), c.otherMachine()));
        Seat seat = c.fails("SEAT_ASSIGNED_TO_OTHER_MACHINE")
                ? assignedSeat(token, otherMachine, c.now().minusSeconds(1))
                : freeSeat(token);
        return new Stored(token, account(c.account(), plan, subscription), seat);
    }

    private static String differentFrom(String machine, String candidate) {
        if (!candidate.equals(machine)) {
            return candidate;
        }
        return machine.length() < MachineId.MAX_LENGTH ? machine + "2" : machine.substring(1);
    }

    private static Option<String> presentedSecret(Case c) {
        if (c.fails("TOKEN_MISSING")) {
            return c.seed() % 2 == 0 ? Option.none() : Option.some("");
        }
        var kind = c.fails("TOKEN_KIND_MISMATCH") ? other(c.surface()) : c.surface();
        // an unknown secret: well-formed, but not the stored token's
        var value =
                secret(kind, c.fails("TOKEN_UNKNOWN") ? c.seed() + 1 : c.seed()).reveal();
        if (c.fails("TOKEN_MALFORMED")) {
            var chars = value.toCharArray();
            int i = BASE62.indexOf(chars[c.position()]);
            chars[c.position()] = i < 0 ? 'x' : BASE62.charAt((i + 1) % BASE62.length());
            value = new String(chars);
        }
        return Option.some(value);
    }

    /** The whole verification, as the application composes it from the domain's parts. */
    private static Either<Refusal, Licensing.Verified> verification(Case c) {
        var licensing = new Licensing(c.settings());
        var machine = c.fails("MACHINE_ID_INVALID") ? c.invalidMachine() : Option.some(c.machine());
        var presented = licensing.present(c.surface(), presentedSecret(c), machine);
        if (presented.isLeft()) {
            return Either.left(presented.getLeft());
        }
        var stored = stored(c, presented.get().secret().kind());
        if (!stored.token().acceptsSecret(hashOf(presented.get().secret()), c.now())) {
            return Either.left(new Refusal.TokenUnknown());
        }
        return licensing.verify(
                stored.token(),
                stored.account(),
                stored.seat(),
                lastUse(presented.get().machine()),
                c.now());
    }

    @Test
    void R3_R6_R8_R11_R12_R20_R1_a_verification_answers_with_the_first_failing_check_in_the_documented_order() {
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            var expected = ORDER.stream().filter(c::fails).findFirst();

            var answer = verification(c);

            if (expected.isEmpty()) {
                assertThat(answer.isRight()).isTrue();
            } else {
                assertThat(answer.isLeft()).isTrue();
                assertThat(answer.getLeft().code()).isEqualTo(expected.get());
            }
        });
    }

    @Test
    void R3_R6_R11_the_offline_checks_of_present_come_in_order_missing_malformed_kind_machine() {
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            var licensing = new Licensing(c.settings());
            var machine = c.fails("MACHINE_ID_INVALID") ? c.invalidMachine() : Option.some(c.machine());
            var expected = ORDER.subList(0, 4).stream().filter(c::fails).findFirst();

            var presented = licensing.present(c.surface(), presentedSecret(c), machine);

            assertThat(presented.swap().map(Refusal::code).toJavaOptional()).isEqualTo(expected);
            if (expected.isEmpty()) {
                assertThat(presented.get().machine().value()).isEqualTo(c.machine());
                assertThat(presented.get().secret().kind()).isEqualTo(c.surface());
            }
        });
    }

    @Test
    void R3_a_secret_of_the_other_kind_is_refused_from_its_prefix_with_no_token_to_look_up() {
        qt().withExamples(EXAMPLES)
                .forAll(arbitrary().enumValues(TokenKind.class), seeds(), INVALID_MACHINES, settings())
                .checkAssert((surface, seed, invalidMachine, settings) -> {
                    // present() is given no store and no token: the kind is decided from the prefix alone,
                    // and before the machine id is looked at
                    var presented = new Licensing(settings)
                            .present(
                                    surface,
                                    Option.some(secret(other(surface), seed).reveal()),
                                    invalidMachine);

                    assertThat(presented.getLeft()).isEqualTo(new Refusal.TokenKindMismatch());
                });
    }

    @Test
    void R8_R20_R1_R12_verify_of_a_found_token_checks_revoked_expired_subscription_plan_then_the_seat() {
        qt().withExamples(EXAMPLES).forAll(CASES).checkAssert(c -> {
            var stored = stored(c, c.surface());
            var expected =
                    ORDER.subList(5, ORDER.size()).stream().filter(c::fails).findFirst();

            var verified = new Licensing(c.settings())
                    .verify(
                            stored.token(),
                            stored.account(),
                            stored.seat(),
                            lastUse(new MachineId(c.machine())),
                            c.now());

            assertThat(verified.swap().map(Refusal::code).toJavaOptional()).isEqualTo(expected);
        });
    }

    @Test
    void R6_an_empty_or_absent_secret_is_missing_before_anything_else() {
        qt().withExamples(100)
                .forAll(arbitrary().enumValues(TokenKind.class), INVALID_MACHINES)
                .checkAssert((surface, machine) -> {
                    var licensing = new Licensing(LicensingSettings.defaults());

                    assertThat(licensing
                                    .present(surface, Option.none(), machine)
                                    .getLeft())
                            .isEqualTo(new Refusal.TokenMissing());
                    assertThat(licensing
                                    .present(surface, Option.some(""), machine)
                                    .getLeft())
                            .isEqualTo(new Refusal.TokenMissing());
                    assertThat(List.of(" ", "swa_")
                                    .map(s -> licensing
                                            .present(surface, Option.some(s), machine)
                                            .getLeft()))
                            .containsOnly(new Refusal.TokenMalformed());
                });
    }
}
