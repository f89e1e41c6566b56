package dev.seatwarden.application.port.in;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;

/**
 * Makes an account that signs in with a password (operator): the account as {@link
 * CreateAccountUseCase} makes it, and its password's hash, in one unit. A password is 12 to 1024
 * characters (Unicode code points), checked first: else {@code VALIDATION_FAILED} naming
 * {@code password}. Then the account's own checks, as {@link CreateAccountUseCase} makes them.
 */
public interface OpenAccountUseCase {

    Either<Refusal, AccountView> openAccount(Command command);

    record Command(CreateAccountUseCase.Command account, String password) {
        @Override
        public String toString() {
            return "Command[account=" + account + ", password=hidden]";
        }
    }
}
