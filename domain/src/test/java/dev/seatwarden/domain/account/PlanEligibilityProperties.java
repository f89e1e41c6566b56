package dev.seatwarden.domain.account;

import static dev.seatwarden.domain.fixtures.DomainGenerators.account;
import static dev.seatwarden.domain.fixtures.DomainGenerators.accountIds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.freeSeat;
import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.lastUse;
import static dev.seatwarden.domain.fixtures.DomainGenerators.machineIds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static dev.seatwarden.domain.fixtures.DomainGenerators.settings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.token;
import static dev.seatwarden.domain.fixtures.DomainGenerators.withIntegrationLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.licensing.TokenDraft;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * R1 and R2 for every combination of plan and subscription: creating and using a token need plan
 * PRO or better and an ACTIVE subscription.
 */
class PlanEligibilityProperties {

    private static final int EXAMPLES = 100;

    /** R1's answer, written out: the subscription first (as in the verification order), then the plan. */
    private static Option<String> expectedRefusal(Plan plan, Subscription subscription) {
        if (subscription == Subscription.LAPSED) {
            return Option.some("SUBSCRIPTION_INACTIVE");
        }
        return plan == Plan.STARTER ? Option.some("PLAN_NOT_ELIGIBLE") : Option.none();
    }

    @Test
    void R1_plans_are_ordered_starter_pro_enterprise() {
        assertThat(Plan.values()).containsExactly(Plan.STARTER, Plan.PRO, Plan.ENTERPRISE);
        for (var a : Plan.values()) {
            for (var b : Plan.values()) {
                assertThat(a.isAtLeast(b)).isEqualTo(a.ordinal() >= b.ordinal());
            }
        }
    }

    @Test
    void R1_an_account_is_eligible_only_with_plan_pro_or_better_and_an_active_subscription() {
        qt().withExamples(EXAMPLES).forAll(accountIds()).checkAssert(id -> {
            for (var plan : Plan.values()) {
                for (var subscription : Subscription.values()) {
                    var checked = PlanEligibility.check(account(id, plan, subscription));

                    assertThat(checked.swap().map(Refusal::code).toOption())
                            .as("%s %s", plan, subscription)
                            .isEqualTo(expectedRefusal(plan, subscription));
                }
            }
        });
    }

    @Test
    void R1_creating_a_token_of_either_kind_needs_plan_pro_or_better_and_an_active_subscription() {
        qt().withExamples(EXAMPLES)
                .forAll(accountIds(), seeds(), instants(), settings())
                .checkAssert((id, seed, now, settings) -> {
                    var licensing = new Licensing(settings);
                    for (var kind : TokenKind.values()) {
                        for (var plan : Plan.values()) {
                            for (var subscription : Subscription.values()) {
                                // a generous limit, so that only eligibility decides
                                var account = withIntegrationLimit(account(id, plan, subscription), 10);
                                var secret = secret(kind, seed);
                                var draft = new TokenDraft(new TokenName("build"), kind, Option.none(), Option.none());

                                var created = licensing.create(
                                        account,
                                        List.empty(),
                                        draft,
                                        new TokenId("tok_new"),
                                        secret,
                                        hashOf(secret),
                                        now);

                                assertThat(created.swap().map(Refusal::code).toOption())
                                        .as("%s %s %s", kind, plan, subscription)
                                        .isEqualTo(expectedRefusal(plan, subscription));
                            }
                        }
                    }
                });
    }

    @Test
    void R2_a_token_verifies_only_while_its_account_is_eligible_and_again_once_it_is_without_being_revoked() {
        qt().withExamples(EXAMPLES)
                .forAll(accountIds(), seeds(), instants(), machineIds())
                .checkAssert((id, seed, createdAt, machine) -> {
                    var licensing = new Licensing(dev.seatwarden.domain.shared.LicensingSettings.defaults());
                    var token = token(id, TokenKind.API, seed, createdAt);
                    var seat = freeSeat(token);
                    var now = createdAt.plus(Duration.ofDays(3));
                    for (var plan : Plan.values()) {
                        for (var subscription : Subscription.values()) {
                            var atThatMoment = account(id, plan, subscription);

                            var verified = licensing.verify(token, atThatMoment, seat, lastUse(machine), now);

                            assertThat(verified.swap().map(Refusal::code).toOption())
                                    .as("%s %s", plan, subscription)
                                    .isEqualTo(expectedRefusal(plan, subscription));
                            // the refusal changes nothing: the same token verifies once the account is
                            // eligible again
                            var eligibleAgain = atThatMoment
                                    .change(
                                            Option.some(Plan.ENTERPRISE),
                                            Option.some(Subscription.ACTIVE),
                                            Option.none(),
                                            now)
                                    .value();
                            assertThat(token.isRevoked()).isFalse();
                            assertThat(licensing
                                            .verify(token, eligibleAgain, seat, lastUse(machine), now.plusSeconds(1))
                                            .isRight())
                                    .isTrue();
                        }
                    }
                });
    }

    @Test
    void R1_R2_a_plan_or_subscription_change_is_recorded_field_by_field() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        accountIds(),
                        instants(),
                        org.quicktheories.generators.SourceDSL.arbitrary().enumValues(Plan.class),
                        org.quicktheories.generators.SourceDSL.arbitrary().enumValues(Subscription.class))
                .checkAssert((id, now, plan, subscription) -> {
                    var before = dev.seatwarden.domain.fixtures.DomainGenerators.withIntegrationLimit(
                            account(id, Plan.PRO, Subscription.ACTIVE), 2);
                    // a limit given as the same value it has is no change
                    var limit = Option.some(plan.ordinal() == 0 ? 2 : plan.ordinal());

                    var changed = before.change(Option.some(plan), Option.some(subscription), limit, now);

                    assertThat(changed.value().plan()).isEqualTo(plan);
                    assertThat(changed.value().subscription()).isEqualTo(subscription);
                    var expected = List.<String>empty()
                            .appendAll(plan != Plan.PRO ? List.of("plan=" + plan) : List.empty())
                            .appendAll(
                                    subscription != Subscription.ACTIVE
                                            ? List.of("subscription=" + subscription)
                                            : List.empty())
                            .appendAll(
                                    limit.get() != 2 ? List.of("integrationTokenLimit=" + limit.get()) : List.empty());
                    assertThat(changed.value().integrationLimitOverride()).isEqualTo(limit);
                    assertThat(before.change(Option.none(), Option.none(), Option.none(), now)
                                    .events())
                            .isEmpty();
                    assertThat(changed.events().map(e -> e.detail().get())).isEqualTo(expected);
                    assertThat(changed.events())
                            .allMatch(e -> e.type() == dev.seatwarden.domain.shared.EventType.ACCOUNT_CHANGED
                                    && e.account().equals(id)
                                    && e.at().equals(now));
                });
    }
}
