package dev.seatwarden.domain.account;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;

/**
 * R1 and R2: creating or using a token needs plan at least {@link Plan#PRO} and an
 * {@link Subscription#ACTIVE} subscription. The subscription is checked first, as in the
 * verification order of {@code domain-rules.md}.
 */
public final class PlanEligibility {

    /** The lowest plan that may hold tokens. */
    public static final Plan MINIMUM_PLAN = Plan.PRO;

    private PlanEligibility() {}

    /** The account if it may create and use tokens now, else why not. */
    public static Either<Refusal, Account> check(Account account) {
        if (account.subscription() != Subscription.ACTIVE) {
            return Either.left(new Refusal.SubscriptionInactive());
        }
        if (!account.plan().isAtLeast(MINIMUM_PLAN)) {
            return Either.left(new Refusal.PlanNotEligible());
        }
        return Either.right(account);
    }
}
