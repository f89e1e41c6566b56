package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Makes an account on a plan, its subscription active (operator). The e-mail must be new, ignoring case; else {@code VALIDATION_FAILED} naming {@code email}. */
public interface CreateAccountUseCase {

    Either<Refusal, AccountView> createAccount(Command command);

    /**
     * @param email the sign-in address
     * @param plan the plan (R1)
     * @param integrationLimit the operator's integration token limit, if not the plan's default (R7)
     */
    record Command(String email, Plan plan, Option<Integer> integrationLimit) {
        public Command {
            // An adapter that passes null for an optional value means "none".
            integrationLimit = integrationLimit == null ? Option.none() : integrationLimit;
        }
    }
}
