package dev.seatwarden.domain.account;

import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Outcome;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The account aggregate: a customer on a plan, the owner of tokens (R9), and the keeper of its
 * manual-release quota (R14, R15). Immutable; every change returns the next state with its events.
 *
 * <p>The version is the one the account was read at (0 for one never stored), so that a store can
 * refuse a concurrent change.
 *
 * @param id the account's id
 * @param email its sign-in address, unique without regard to case
 * @param plan its plan (R1)
 * @param subscription its subscription (R1, R2)
 * @param integrationLimitOverride the operator's integration token limit, if set; else the plan's default (R7)
 * @param quotaUses moments of manual releases and re-activations still inside the release window (R14, R15)
 * @param createdAt when it was created
 * @param version the stored version this state was read at
 */
public record Account(
        AccountId id,
        Email email,
        Plan plan,
        Subscription subscription,
        Option<Integer> integrationLimitOverride,
        List<Instant> quotaUses,
        Instant createdAt,
        long version) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(integrationLimitOverride, "integrationLimitOverride");
        Objects.requireNonNull(quotaUses, "quotaUses");
        Objects.requireNonNull(createdAt, "createdAt");
        if (integrationLimitOverride.exists(limit -> limit < 0)) {
            throw new IllegalArgumentException("an integration limit is not negative");
        }
    }

    /** A new account with an active subscription. */
    public static Outcome<Account> create(
            AccountId id, Email email, Plan plan, Option<Integer> integrationLimit, Instant now) {
        var account = new Account(id, email, plan, Subscription.ACTIVE, integrationLimit, List.empty(), now, 0);
        return Outcome.of(account, DomainEvent.ofAccount(EventType.ACCOUNT_CREATED, now, id, Option.some(plan.name())));
    }

    /** R7: the most non-revoked, unexpired integration tokens this account may hold. */
    public int integrationTokenLimit(LicensingSettings settings) {
        return integrationLimitOverride.getOrElse(() -> switch (plan) {
            case STARTER -> settings.starterIntegrationLimit();
            case PRO -> settings.proIntegrationLimit();
            case ENTERPRISE -> settings.enterpriseIntegrationLimit();
        });
    }

    /**
     * An operator's change (R1, R2, R7). Each field that really changes is one
     * {@code ACCOUNT_CHANGED} event, its detail naming the field and the new value.
     */
    public Outcome<Account> change(
            Option<Plan> newPlan, Option<Subscription> newSubscription, Option<Integer> newLimit, Instant now) {
        var events = List.<DomainEvent>empty();
        var next = this;
        if (newPlan.isDefined() && newPlan.get() != plan) {
            next = next.withPlan(newPlan.get());
            events = events.append(changed(now, "plan=" + newPlan.get()));
        }
        if (newSubscription.isDefined() && newSubscription.get() != subscription) {
            next = next.withSubscription(newSubscription.get());
            events = events.append(changed(now, "subscription=" + newSubscription.get()));
        }
        if (newLimit.isDefined() && !newLimit.equals(integrationLimitOverride)) {
            next = next.withIntegrationLimit(newLimit);
            events = events.append(changed(now, "integrationTokenLimit=" + newLimit.get()));
        }
        return new Outcome<>(next, events);
    }

    /** R14: when the next manual release is allowed, or none if it is allowed now. */
    public Option<Instant> nextReleaseAt(SeatReleasePolicy policy, Instant now) {
        return policy.nextReleaseAt(quotaUses, now);
    }

    /** R14, R15: the account after one more quota-using event at {@code now}. */
    public Account withQuotaUse(SeatReleasePolicy policy, Instant now) {
        return with(plan, subscription, integrationLimitOverride, policy.record(quotaUses, now), version);
    }

    private DomainEvent changed(Instant now, String detail) {
        return DomainEvent.ofAccount(EventType.ACCOUNT_CHANGED, now, id, Option.some(detail));
    }

    private Account withPlan(Plan p) {
        return with(p, subscription, integrationLimitOverride, quotaUses, version);
    }

    private Account withSubscription(Subscription s) {
        return with(plan, s, integrationLimitOverride, quotaUses, version);
    }

    private Account withIntegrationLimit(Option<Integer> limit) {
        return with(plan, subscription, limit, quotaUses, version);
    }

    /** The same state, as stored at {@code storedVersion}; for stores. */
    public Account withVersion(long storedVersion) {
        return with(plan, subscription, integrationLimitOverride, quotaUses, storedVersion);
    }

    /** The account with its changeable state replaced; id, e-mail and creation time stay. */
    private Account with(
            Plan newPlan, Subscription newSubscription, Option<Integer> limit, List<Instant> uses, long newVersion) {
        return new Account(id, email, newPlan, newSubscription, limit, uses, createdAt, newVersion);
    }
}
