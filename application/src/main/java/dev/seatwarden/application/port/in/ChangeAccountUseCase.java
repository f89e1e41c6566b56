package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Changes an account's plan, subscription or integration token limit (operator; R1, R2, R7). Each change is an {@code ACCOUNT_CHANGED} event (R17). */
public interface ChangeAccountUseCase {

    Either<Refusal, AccountView> changeAccount(Command command);

    /** @param email the account's address, any case; unknown: {@code VALIDATION_FAILED} naming {@code email} */
    record Command(
            String email, Option<Plan> plan, Option<Subscription> subscription, Option<Integer> integrationLimit) {
        public Command {
            // An adapter that passes null for an optional value means "none".
            plan = plan == null ? Option.none() : plan;
            subscription = subscription == null ? Option.none() : subscription;
            integrationLimit = integrationLimit == null ? Option.none() : integrationLimit;
        }
    }
}
