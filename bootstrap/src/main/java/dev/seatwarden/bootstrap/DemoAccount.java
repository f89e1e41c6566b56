package dev.seatwarden.bootstrap;

import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.service.Access;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.Plan;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;

/**
 * {@code serve --demo}: on an empty database, a PRO account {@value #EMAIL} with a generated
 * password, which the caller shows once (standard output, never the log).
 */
final class DemoAccount {

    static final String EMAIL = "demo@seatwarden.local";
    static final int PASSWORD_LENGTH = 20;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private DemoAccount() {}

    /** The new account's password, or why none was made. */
    static Either<String, String> create(UseCases useCases, Access access, SecureRandom random) {
        int accounts = useCases.listAccounts().listAccounts().size();
        if (accounts > 0) {
            return Either.left("the demo account was not created: the database is not empty (" + accounts
                    + (accounts == 1 ? " account)" : " accounts)"));
        }
        var password = password(random);
        return access.openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(EMAIL, Plan.PRO, Option.none()), password))
                .map(account -> password)
                .mapLeft(refusal -> "the demo account was not created: " + refusal.code());
    }

    static String password(SecureRandom random) {
        var password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return password.toString();
    }
}
