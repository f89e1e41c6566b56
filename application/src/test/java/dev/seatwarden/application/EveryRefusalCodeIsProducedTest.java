package dev.seatwarden.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.statemachine.LicensingModel;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every refusal code of {@code domain-rules.md} is reachable through the use cases: each is driven
 * here once, and the codes collected must be exactly those of the {@link Refusal} records.
 */
class EveryRefusalCodeIsProducedTest {

    private final TestApplication app = TestApplication.start();
    private final Set<String> produced = new TreeSet<>();

    @Test
    void the_use_cases_produce_every_refusal_code_of_the_rules() {
        var pro = app.accountOn(Plan.PRO);
        var stranger = app.accountOn(Plan.PRO);
        var token = app.createApiToken(pro.id());
        var id = token.token().id();

        expect("VALIDATION_FAILED", app.tryCreateToken(pro.id(), TokenKind.API, "  "));
        expect("TOKEN_MISSING", verify(TokenKind.API, Option.none(), Option.some("machine-A")));
        expect("TOKEN_MALFORMED", app.verify(TokenKind.API, "swa_not-a-secret", "machine-A"));
        expect(
                "TOKEN_KIND_MISMATCH",
                app.verify(TokenKind.INTEGRATION, token.secret().reveal(), "machine-A"));
        expect(
                "MACHINE_ID_INVALID",
                verify(TokenKind.API, Option.some(token.secret().reveal()), Option.none()));
        expect(
                "TOKEN_UNKNOWN",
                app.verify(TokenKind.API, LicensingModel.wellFormedSecret(TokenKind.API, "a".repeat(32)), "machine-A"));

        app.verify(token, "machine-A").get();
        expect("SEAT_ASSIGNED_TO_OTHER_MACHINE", app.verify(token, "machine-B"));
        expect("TOKEN_NOT_FOUND", app.getToken(stranger.id(), id));
        app.release(pro.id(), id).get();
        app.verify(token, "machine-B").get();
        expect("SEAT_RELEASE_RATE_LIMITED", app.release(pro.id(), id));

        var idle = app.createApiToken(pro.id());
        expect("SEAT_NOT_ASSIGNED", app.release(pro.id(), idle.token().id()));

        app.createIntegrationToken(pro.id());
        expect("INTEGRATION_TOKEN_LIMIT_REACHED", app.tryCreateToken(pro.id(), TokenKind.INTEGRATION, "second"));

        var expiring =
                app.createExpiringToken(pro.id(), TokenKind.API, app.now().plus(Duration.ofHours(1)));
        app.advance(Duration.ofHours(1));
        expect("TOKEN_EXPIRED", app.verify(expiring, "machine-A"));

        app.revoke(pro.id(), id).get();
        expect("TOKEN_REVOKED", app.verify(token, "machine-A"));
        expect("TOKEN_REVOKED", app.rotate(pro.id(), id, 0)); // and on the administration side
        expect("TOKEN_REVOKED", app.release(pro.id(), id));
        expect("TOKEN_ALREADY_REVOKED", app.revoke(pro.id(), id));

        var starter = app.accountOn(Plan.STARTER);
        expect("PLAN_NOT_ELIGIBLE", app.tryCreateToken(starter.id(), TokenKind.API, "cli"));
        app.lapse(pro);
        expect("SUBSCRIPTION_INACTIVE", app.verify(idle, "machine-A"));
        expect("TOKEN_NOT_FOUND", app.releaseAsOperator(new TokenId("tok_never_issued"), "support"));

        var every = Arrays.stream(Refusal.class.getPermittedSubclasses())
                .map(EveryRefusalCodeIsProducedTest::codeOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(every).hasSize(Refusal.class.getPermittedSubclasses().length);
        assertThat(produced).isEqualTo(every);
    }

    private void expect(String code, Either<Refusal, ?> answer) {
        assertThat(answer.isLeft())
                .as("expected %s, the answer was accepted", code)
                .isTrue();
        assertThat(answer.getLeft().code()).isEqualTo(code);
        produced.add(code);
    }

    private Either<Refusal, ?> verify(TokenKind surface, Option<String> secret, Option<String> machine) {
        return app.useCases()
                .verifyToken()
                .verify(new VerifyTokenUseCase.Command(surface, secret, machine, Option.none(), Option.none()));
    }

    /** The code a refusal record answers, read from a record of that type built with dummy values. */
    private static String codeOf(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructors()[0];
            var arguments = Arrays.stream(constructor.getParameterTypes())
                    .map(EveryRefusalCodeIsProducedTest::dummy)
                    .toArray();
            return ((Refusal) constructor.newInstance(arguments)).code();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Object dummy(Class<?> parameter) {
        if (parameter == int.class) {
            return 0;
        }
        if (parameter == java.time.Instant.class) {
            return TestApplication.START;
        }
        if (parameter == io.vavr.collection.List.class) {
            return io.vavr.collection.List.of(new dev.seatwarden.domain.shared.FieldError("field", "message"));
        }
        throw new AssertionError("no dummy value for " + parameter);
    }
}
