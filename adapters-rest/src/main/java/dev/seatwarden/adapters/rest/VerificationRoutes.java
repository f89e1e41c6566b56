package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.JsonBodies.Fields;
import dev.seatwarden.adapters.rest.Problems.Surface;
import dev.seatwarden.adapters.rest.RouteTable.Endpoint;
import dev.seatwarden.application.port.in.ReportLeakedSecretsUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.domain.licensing.Licensing;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Locale;

/**
 * What clients call with a token: the two verification surfaces (R3), and the leak report (R21).
 * Both are throttled per remote address before anything else is looked at.
 */
final class VerificationRoutes {

    /** Verify 401s counted per address within a minute before every verify is refused. */
    static final int VERIFY_FAILURE_LIMIT = 20;

    /** Leak reports allowed per address and hour. */
    static final int LEAK_REPORT_LIMIT = 10;

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final RestUseCases useCases;
    private final AddressThrottle verifyFailures;
    private final AddressThrottle leakReports;
    private final VerifiedAnswers answers = new VerifiedAnswers();

    VerificationRoutes(RestUseCases useCases) {
        this.useCases = useCases;
        this.verifyFailures = new AddressThrottle(
                VERIFY_FAILURE_LIMIT, Duration.ofMinutes(1), useCases.clock(), MAX_TRACKED_ADDRESSES);
        this.leakReports =
                new AddressThrottle(LEAK_REPORT_LIMIT, Duration.ofHours(1), useCases.clock(), MAX_TRACKED_ADDRESSES);
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/v1/auth/verify", exchange -> verify(exchange, TokenKind.API)),
                new Endpoint("POST", "/v1/integrations/verify", exchange -> verify(exchange, TokenKind.INTEGRATION)),
                new Endpoint("POST", "/v1/credentials/revoke", this::reportLeaked));
    }

    private Answer verify(Exchange exchange, TokenKind surface) {
        var address = exchange.clientAddress();
        var throttled = verifyFailures.refusedUntil(address);
        if (throttled.isDefined()) {
            return Problems.tooManyAttempts(exchange.path(), throttled.get(), useCases.clock());
        }
        // The token is the authentication here: its offline checks (missing, malformed, kind) come
        // before the body, as rest-api.md orders 401 before 415/413/400, and before a byte of it is
        // read (a client that sent "Expect: 100-continue" is refused without being asked for it).
        // A verification without a body, as clients send it, goes to the use case at once: it makes
        // the same checks first, with the same refusals.
        var secret = bearer(exchange);
        var answer = (exchange.declaresNoBody()
                        ? Option.<Answer>none()
                        : Licensing.presentedSecret(surface, secret)
                                .swap()
                                .toOption()
                                .map(refusal -> Problems.refusal(
                                        refusal, Surface.VERIFICATION, exchange.path(), useCases.clock()))
                                .orElse(() -> SessionRoutes.noBody(exchange)))
                .getOrElse(() -> useCases.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(
                                surface,
                                secret,
                                exchange.header("X-Machine-Id"),
                                Option.of(address),
                                exchange.header("User-Agent")))
                        .fold(
                                refusal -> Problems.refusal(
                                        refusal, Surface.VERIFICATION, exchange.path(), useCases.clock()),
                                result -> Answer.json(200, answers.body(result))));
        if (answer.status() == 401) {
            verifyFailures.record(address);
        }
        return answer;
    }

    /** The secret of an {@code Authorization: Bearer …} header (scheme in any case); none otherwise. */
    static Option<String> bearer(Exchange exchange) {
        return exchange.header("Authorization").flatMap(value -> {
            var trimmed = value.strip();
            int space = trimmed.indexOf(' ');
            if (space < 0
                    || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
                return Option.none();
            }
            var secret = trimmed.substring(space + 1).strip();
            return secret.isEmpty() ? Option.none() : Option.some(secret);
        });
    }

    private Answer reportLeaked(Exchange exchange) {
        var address = exchange.clientAddress();
        var throttled = leakReports.refusedUntil(address);
        if (throttled.isDefined()) {
            return Problems.tooManyAttempts(exchange.path(), throttled.get(), useCases.clock());
        }
        leakReports.record(address);
        return JsonBodies.objectBody(exchange).fold(refused -> refused, body -> {
            var fields = new Fields(body);
            var unknown = fields.unknown("secrets");
            var secrets = fields.requiredStrings("secrets");
            if (unknown.nonEmpty() || secrets.isInvalid()) {
                return Problems.validation(
                        exchange.path(),
                        unknown.appendAll(secrets.isInvalid() ? List.of(secrets.getError()) : List.empty())
                                .toList());
            }
            return useCases.reportLeakedSecrets()
                    .reportLeaked(new ReportLeakedSecretsUseCase.Command(secrets.get()))
                    .fold(
                            refusal ->
                                    Problems.refusal(refusal, Surface.VERIFICATION, exchange.path(), useCases.clock()),
                            received -> Answer.json(202, JsonBodies.write(new Representations.ReceivedJson(received))));
        });
    }
}
