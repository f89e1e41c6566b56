package dev.seatwarden.application.port.in;

import io.vavr.control.Either;

/**
 * Signs an account in with e-mail and password. Refusals: {@code TOO_MANY_ATTEMPTS} while the
 * e-mail's recent failures reach the limit (checked first, so even the right password is refused
 * then), else {@code INVALID_CREDENTIALS}, which an unknown e-mail and a wrong password both get,
 * after the same work. A success forgets the e-mail's failures.
 */
public interface SignInUseCase {

    Either<AccessRefusal, SignedIn> signIn(Command command);

    record Command(String email, String password) {
        @Override
        public String toString() {
            return "Command[email=" + email + ", password=hidden]";
        }
    }
}
