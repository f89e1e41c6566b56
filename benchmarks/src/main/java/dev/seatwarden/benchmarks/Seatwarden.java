package dev.seatwarden.benchmarks;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A whole Seatwarden in memory, as an embedding team builds it ({@link UseCases#create} over
 * {@link InMemoryAdapters}), on a clock that stands still, with the few helpers the benchmarks need
 * to make accounts and tokens. A refused step fails the benchmark's setup with the refusal's code,
 * never with a secret.
 */
final class Seatwarden {

    /** The moment every benchmark's clock shows: a Monday morning. */
    static final Instant NOW = Instant.parse("2030-01-07T09:00:00Z");

    private final InMemoryAdapters adapters = new InMemoryAdapters();
    private final UseCases useCases =
            UseCases.create(adapters.ports(Clock.fixed(NOW, ZoneOffset.UTC)), LicensingSettings.defaults());
    private int accountsMade;

    InMemoryAdapters adapters() {
        return adapters;
    }

    UseCases useCases() {
        return useCases;
    }

    /** A new account on {@code plan}, its subscription active. */
    AccountView account(Plan plan) {
        var email = "owner-" + ++accountsMade + "@customer.example";
        return expect(
                useCases.createAccount().createAccount(new CreateAccountUseCase.Command(email, plan, Option.none())),
                "create an account");
    }

    /** A new token of {@code owner}, never expiring. */
    TokenWithSecret token(AccountView owner, TokenKind kind, String name) {
        return expect(
                useCases.createToken()
                        .createToken(new CreateTokenUseCase.Command(owner.id(), name, kind, null, Option.none())),
                "create a token");
    }

    /** What a CLI sends: {@code secret} from {@code machine}, on the API surface. */
    static VerifyTokenUseCase.Command verification(String secret, String machine) {
        return new VerifyTokenUseCase.Command(
                TokenKind.API,
                Option.of(secret),
                Option.of(machine),
                Option.some("203.0.113.10"),
                Option.some("seatwarden-benchmark/1.0"));
    }

    /** The verification, which must be accepted: the seat is taken, or it continues. */
    VerificationResult verifyAccepted(VerifyTokenUseCase.Command command) {
        return expect(useCases.verifyToken().verify(command), "verify");
    }

    static <T> T expect(Either<Refusal, T> answer, String what) {
        if (answer.isLeft()) {
            throw new IllegalStateException(
                    "could not " + what + ": " + answer.getLeft().code());
        }
        return answer.get();
    }
}
