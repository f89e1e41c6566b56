package dev.seatwarden.adapters.rest.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.seatwarden.application.client.ClientFailure.Refused;
import dev.seatwarden.application.client.ClientFailure.ServerFailure;
import dev.seatwarden.application.client.ClientFailure.UnexpectedAnswer;
import dev.seatwarden.application.client.ClientFailure.Unreachable;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.application.port.out.LicenseServer;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The {@link LicenseServer} over HTTP: {@code POST /v1/auth/verify} or {@code POST
 * /v1/integrations/verify} of rest-api.md, with the JDK's HTTP client.
 *
 * <p>Redirects are never followed, so that the token goes to no address but the one the user
 * gave. The connection must stand within the connect timeout (5 s), and the whole answer, body
 * included, must have arrived within the answer timeout (10 s) of asking; bodies longer than 64
 * KiB are not read. Whatever the server says is shown with the token cut out of it, so that a
 * server that echoes what it was sent cannot put the token into a message.
 */
public final class HttpLicenseServer implements LicenseServer {

    /** How long the connection may take to stand (cli-and-files.md). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How long the whole answer may take, from asking to its body's last byte (cli-and-files.md). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** The longest answer read; a Seatwarden server's answers to a verification are far shorter. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** The most characters of a server's own text (a problem's detail, a Location) a reason shows. */
    private static final int MAX_SHOWN = 300;

    private static final Pattern VERSION = Pattern.compile("[\\x21-\\x7E]{1,64}");

    /**
     * Lenient about fields it does not know (a newer server may add some), strict about the types
     * of those it reads: {@code "valid":"true"} is not {@code true}.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(64)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or a boolean where text belongs is not the text it would print as
            .withCoercionConfig(
                    LogicalType.Textual,
                    text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final String userAgent;

    /**
     * With the timeouts of cli-and-files.md.
     *
     * @param version this client's version, sent as {@code User-Agent: seatwarden-cli/<version>}
     */
    public HttpLicenseServer(String version) {
        this(version, CONNECT_TIMEOUT, ANSWER_TIMEOUT);
    }

    /**
     * With other timeouts.
     *
     * @param version this client's version, sent as {@code User-Agent: seatwarden-cli/<version>}
     * @param connectTimeout how long the connection may take to stand
     * @param answerTimeout how long the whole answer may take, from asking to its last byte
     */
    public HttpLicenseServer(String version, Duration connectTimeout, Duration answerTimeout) {
        Objects.requireNonNull(version, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("a version is 1 to 64 printable ASCII characters without spaces");
        }
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.answerTimeout = positive(answerTimeout, "answerTimeout");
        this.userAgent = "seatwarden-cli/" + version;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // one small request: HTTP/2 would gain nothing, and its h2c upgrade puzzles some proxies
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static Duration positive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new IllegalArgumentException(name + " is at least 1 ms");
        }
        return timeout;
    }

    @Override
    public Either<ServerFailure, VerificationResult> verify(
            ServerAddress server, TokenKind surface, Secret secret, MachineId machine) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(machine, "machine");
        return new Verification(server, surface, secret, machine).run();
    }

    /** The path of the verification surface for tokens of {@code kind} (R3). */
    static String path(TokenKind kind) {
        return switch (kind) {
            case API -> "/v1/auth/verify";
            case INTEGRATION -> "/v1/integrations/verify";
        };
    }

    @Override
    public String toString() {
        return "HttpLicenseServer[" + userAgent + ", connect " + words(connectTimeout) + ", answer "
                + words(answerTimeout) + "]";
    }

    /** One verification: the request, and what its answer or its failure means. */
    private final class Verification {

        private final ServerAddress server;
        private final TokenKind surface;
        private final Secret secret;
        private final MachineId machine;
        /** The server as messages name it: its URL, so that an assumed https:// shows. */
        private final String where;

        Verification(ServerAddress server, TokenKind surface, Secret secret, MachineId machine) {
            this.server = server;
            this.surface = surface;
            this.secret = secret;
            this.machine = machine;
            this.where = server.base().toString();
        }

        Either<ServerFailure, VerificationResult> run() {
            var request = HttpRequest.newBuilder(server.resolve(path(surface)))
                    .timeout(answerTimeout)
                    .header("Authorization", "Bearer " + secret.reveal())
                    .header("X-Machine-Id", machine.value())
                    .header("User-Agent", userAgent)
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            // The request's own timeout stops at the answer's headers; this wait bounds the body too.
            var pending = client.sendAsync(request, BoundedBody.upTo(MAX_ANSWER_BYTES));
            try {
                return answer(pending.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException late) {
                pending.cancel(true);
                return noAnswer();
            } catch (InterruptedException interrupted) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                return unreachable("interrupted while waiting for " + where);
            } catch (ExecutionException failed) {
                return failure(failed.getCause());
            }
        }

        // ---- answers ---------------------------------------------------------------------------

        private Either<ServerFailure, VerificationResult> answer(HttpResponse<BoundedBody> response) {
            int status = response.statusCode();
            var body = response.body();
            if (status >= 300 && status < 400) {
                return redirect(response);
            }
            if (status >= 400 && !body.cut()) {
                var refusal = refusal(body.bytes());
                if (refusal.isDefined()) {
                    return refusedOrNot(status, refusal.get());
                }
            }
            if (isGateway(status)) {
                return unreachable(where + " answered " + status + " without a Seatwarden answer: what stands in"
                        + " front of the server (a proxy or load balancer) cannot reach it");
            }
            if (body.cut()) {
                return unexpected(where + " answered " + status + " with more than " + MAX_ANSWER_BYTES / 1024
                        + " KiB, not as a Seatwarden server does");
            }
            if (status == 200) {
                return verified(body.bytes());
            }
            var type = response.headers()
                    .firstValue("Content-Type")
                    .map(value -> " (" + shown(value) + ")")
                    .orElse("");
            return unexpected(where + " answered " + status + type + ", not as a Seatwarden server does");
        }

        /**
         * A problem is the server's refusal (exit 4) when it answers the verification: a 4xx of
         * rest-api.md. A 404, 405, 413 or 415 says the address is not a verification endpoint (a
         * wrong host or path prefix), a 5xx that the server failed, and a 503 that it is busy now.
         */
        private Either<ServerFailure, VerificationResult> refusedOrNot(int status, Refused refusal) {
            if (status == 503) {
                return unreachable(where + " cannot answer now (503 " + refusal.code() + "); try again later");
            }
            if (status == 404 || status == 405 || status == 413 || status == 415) {
                return unexpected(where + " answered " + status + " " + refusal.code()
                        + ": there is no Seatwarden verification at this address; is the host (and its path) right?");
            }
            if (status >= 500) {
                return unexpected(where + " answered " + status + " " + refusal.code() + ": the server failed");
            }
            return Either.left(refusal);
        }

        private Either<ServerFailure, VerificationResult> redirect(HttpResponse<?> response) {
            var target = response.headers()
                    .firstValue("Location")
                    .map(location -> " to " + shown(resolved(response.uri(), location)))
                    .orElse(" without a Location");
            return unexpected(where + " answered " + response.statusCode() + ", a redirect" + target
                    + "; redirects are not followed, so that the token goes nowhere else:"
                    + " if the server is there, give that address as the host");
        }

        private static String resolved(URI asked, String location) {
            return Try.of(() -> asked.resolve(new URI(location)).toString()).getOrElse(location);
        }

        private static boolean isGateway(int status) {
            return status == 502 || status == 503 || status == 504;
        }

        /** An RFC 9457 problem, or any JSON object with a string {@code code}; read leniently. */
        private Option<Refused> refusal(byte[] bytes) {
            JsonNode problem;
            try {
                problem = JSON.readTree(bytes);
            } catch (IOException notJson) {
                return Option.none();
            }
            if (problem == null || !problem.isObject() || !problem.path("code").isTextual()) {
                return Option.none();
            }
            return Option.some(new Refused(
                    shown(problem.get("code").asText()),
                    text(problem, "detail").filter(detail -> !detail.isBlank()).map(this::shown),
                    instant(problem, "retryAt"),
                    instant(problem, "autoReleaseAt")));
        }

        private static Option<String> text(JsonNode object, String field) {
            return Option.of(object.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
        }

        private static Option<Instant> instant(JsonNode object, String field) {
            return text(object, field)
                    .flatMap(value -> Try.of(() -> Instant.parse(value)).toOption());
        }

        private Either<ServerFailure, VerificationResult> verified(byte[] bytes) {
            VerifiedAnswer answer;
            try {
                answer = JSON.readValue(bytes, VerifiedAnswer.class);
            } catch (IOException malformed) {
                // Jackson's message may quote the body: not shown
                answer = null;
            }
            if (answer == null) {
                return unexpected(where + " answered 200, but not with a verification in JSON");
            }
            var seat = answer.seat() == null ? new SeatAnswer(null, null, null) : answer.seat();
            var faults = Boolean.TRUE.equals(answer.valid()) ? List.<String>empty() : List.of("valid is not true");
            var read = Validation.combine(
                            field("accountId", answer.accountId(), AccountId::new),
                            field("tokenId", answer.tokenId(), TokenId::new),
                            field("kind", answer.kind(), TokenKind::valueOf),
                            field("seat.machineId", seat.machineId(), MachineId::new),
                            field("seat.assignment", seat.assignment(), Assignment::valueOf),
                            field("seat.autoReleaseAt", seat.autoReleaseAt(), Instant::parse))
                    .ap(VerificationResult::new);
            if (read.isInvalid()) {
                faults = faults.appendAll(read.getError());
            } else {
                var result = read.get();
                if (result.kind() != surface) {
                    faults = faults.append("kind is " + result.kind() + " on the " + surface + " surface");
                }
                if (!result.machine().equals(machine)) {
                    faults = faults.append("seat.machineId is not the machine id sent");
                }
            }
            return faults.isEmpty()
                    ? Either.right(read.get())
                    : unexpected(where + " answered 200, but not with a verification: " + faults.mkString("; "));
        }

        private static <T> Validation<String, T> field(String name, String value, Function<String, T> parse) {
            return value == null
                    ? Validation.invalid(name + " is missing")
                    : Try.of(() -> parse.apply(value)).toValidation(invalid -> name + " is not valid");
        }

        // ---- failures --------------------------------------------------------------------------

        private Either<ServerFailure, VerificationResult> failure(Throwable thrown) {
            var causes = List.<Throwable>empty();
            for (var cause = thrown; cause != null && !causes.contains(cause); cause = cause.getCause()) {
                causes = causes.append(cause);
            }
            if (has(causes, HttpConnectTimeoutException.class)) {
                return unreachable("no connection to " + where + " within "
                        + words(connectTimeout.compareTo(answerTimeout) < 0 ? connectTimeout : answerTimeout));
            }
            if (has(causes, HttpTimeoutException.class)) {
                return noAnswer();
            }
            if (has(causes, UnresolvedAddressException.class) || has(causes, UnknownHostException.class)) {
                return unreachable("cannot connect to " + where + ": unknown host "
                        + server.base().getHost());
            }
            if (has(causes, SSLException.class)) {
                return unreachable(
                        has(causes, CertificateException.class)
                                ? "TLS handshake with " + where + " failed: its certificate is not trusted here,"
                                        + " or does not name the host"
                                : "TLS handshake with " + where + " failed (is it an http:// server?)");
            }
            if (has(causes, NoRouteToHostException.class)) {
                return unreachable("cannot connect to " + where + ": no route to host");
            }
            if (has(causes, ConnectException.class)) {
                return unreachable("cannot connect to " + where + ": connection refused");
            }
            if (has(causes, ProtocolException.class)) {
                return unexpected(where + " answered, but not in HTTP/1.1: "
                        + said(causes.filter(ProtocolException.class::isInstance)));
            }
            if (has(causes, EOFException.class)) {
                return unreachable(where + " closed the connection without answering");
            }
            if (thrown instanceof IOException) {
                return unreachable("the connection to " + where + " failed: " + said(causes));
            }
            return unexpected(
                    "verifying with " + where + " failed: " + thrown.getClass().getSimpleName());
        }

        private static boolean has(List<Throwable> causes, Class<? extends Throwable> kind) {
            return causes.exists(kind::isInstance);
        }

        /**
         * The innermost message of {@code causes}, the most precise ({@code Connection reset}
         * rather than its wrapper's {@code header parser received no bytes}), shown. The JDK's
         * messages never hold request headers; a {@link ProtocolException}'s may quote what the
         * other side sent, which {@link #shown} deals with.
         */
        private String said(List<Throwable> causes) {
            return shown(causes.map(Throwable::getMessage)
                    .findLast(Objects::nonNull)
                    .getOrElse(() -> causes.last().getClass().getSimpleName()));
        }

        private Either<ServerFailure, VerificationResult> noAnswer() {
            return unreachable("no answer from " + where + " within " + words(answerTimeout));
        }

        private Either<ServerFailure, VerificationResult> unreachable(String reason) {
            return Either.left(new Unreachable(reason));
        }

        private Either<ServerFailure, VerificationResult> unexpected(String reason) {
            return Either.left(new UnexpectedAnswer(reason));
        }

        /**
         * Text from the other side, fit for a message: the token cut out (a server, or whatever
         * answers in its place, may echo it), no control characters, at most {@value
         * #MAX_SHOWN} characters.
         */
        private String shown(String text) {
            var clean = text.replace(secret.reveal(), "[the token]")
                    .codePoints()
                    .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            return clean.codePointCount(0, clean.length()) <= MAX_SHOWN
                    ? clean
                    : clean.substring(0, clean.offsetByCodePoints(0, MAX_SHOWN)) + "…";
        }
    }

    private static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The 200 answer, as sent; checked and turned into typed values by {@link Verification}. */
    record VerifiedAnswer(Boolean valid, String accountId, String tokenId, String kind, SeatAnswer seat) {}

    /** The 200 answer's {@code seat}. */
    record SeatAnswer(String machineId, String assignment, String autoReleaseAt) {}
}
