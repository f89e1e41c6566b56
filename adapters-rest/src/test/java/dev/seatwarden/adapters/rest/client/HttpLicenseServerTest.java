package dev.seatwarden.adapters.rest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seatwarden.adapters.rest.InMemoryServer;
import dev.seatwarden.adapters.rest.contract.Http;
import dev.seatwarden.adapters.rest.contract.RestApiContract;
import dev.seatwarden.adapters.rest.contract.RestApiContract.Session;
import dev.seatwarden.application.client.ClientFailure.Refused;
import dev.seatwarden.application.client.ClientFailure.ServerFailure;
import dev.seatwarden.application.client.ClientFailure.UnexpectedAnswer;
import dev.seatwarden.application.client.ClientFailure.Unreachable;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client side of verification: against the real server of this module for what a Seatwarden
 * server answers, and against small fakes for what else may answer, or not answer, in its place.
 * Every failure is checked not to hold the secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLicenseServerTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String VERSION = "1.2.3";
    private static final MachineId MACHINE = new MachineId("machine-a");
    /** Short enough to keep the suite quick; the defaults (5 s, 10 s) are what the CLI uses. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private final HttpLicenseServer client = new HttpLicenseServer(VERSION);
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AtomicInteger accounts = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    // ---- against the server --------------------------------------------------------------------

    @Test
    void the_first_verification_takes_the_seat_and_the_second_continues_on_it() {
        // given an API token
        var server = started(new InMemoryServer());
        var token = account(server, Plan.PRO).createToken("API");
        var secret = secret(token.get("secret").asText());

        // when it is verified twice from the same machine
        var first = client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE);
        var second = client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE);

        // then the seat is new, then continuing, and every field is read
        var verified = verified(first);
        assertThat(verified.accountId().value()).startsWith("acc_");
        assertThat(verified.tokenId()).isEqualTo(new TokenId(token.get("id").asText()));
        assertThat(verified.kind()).isEqualTo(TokenKind.API);
        assertThat(verified.machine()).isEqualTo(MACHINE);
        assertThat(verified.assignment()).isEqualTo(Assignment.NEW);
        assertThat(verified.autoReleaseAt()).isEqualTo(InMemoryServer.START.plus(Duration.ofDays(14)));
        assertThat(verified(second).assignment()).isEqualTo(Assignment.CONTINUING);
    }

    @Test
    void an_integration_token_is_verified_on_the_integration_surface() {
        // given an integration token
        var server = started(new InMemoryServer());
        var token = account(server, Plan.PRO).createToken("INTEGRATION");
        var secret = secret(token.get("secret").asText());

        // when
        var verified = client.verify(address(server.baseUri()), TokenKind.INTEGRATION, secret, MACHINE);

        // then
        assertThat(verified(verified).kind()).isEqualTo(TokenKind.INTEGRATION);
        assertThat(verified(verified).tokenId())
                .isEqualTo(new TokenId(token.get("id").asText()));
    }

    @Test
    void an_unknown_token_is_refused_with_its_code_and_the_servers_detail() {
        var server = started(new InMemoryServer());
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var refused = refusal(client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE), secret);

        assertThat(refused.code()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(refused.detail()).isNotEmpty();
        assertThat(refused.retryAt()).isEmpty();
        assertThat(refused.autoReleaseAt()).isEmpty();
    }

    @Test
    void a_revoked_token_is_refused() {
        // given a token its owner revoked
        var server = started(new InMemoryServer());
        var session = account(server, Plan.PRO);
        var token = session.createToken("API");
        assertThat(session.post("/v1/tokens/" + token.get("id").asText() + "/revoke", null)
                        .status())
                .isEqualTo(200);
        var secret = secret(token.get("secret").asText());

        // when
        var refused = refusal(client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE), secret);

        // then
        assertThat(refused.code()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void a_token_on_the_surface_of_the_other_kind_is_refused() {
        var server = started(new InMemoryServer());
        var session = account(server, Plan.PRO);
        var api = secret(session.createToken("API").get("secret").asText());
        var integration =
                secret(session.createToken("INTEGRATION").get("secret").asText());

        var apiOnIntegrations = client.verify(address(server.baseUri()), TokenKind.INTEGRATION, api, MACHINE);
        var integrationOnApi = client.verify(address(server.baseUri()), TokenKind.API, integration, MACHINE);

        assertThat(refusal(apiOnIntegrations, api).code()).isEqualTo("TOKEN_KIND_MISMATCH");
        assertThat(refusal(integrationOnApi, integration).code()).isEqualTo("TOKEN_KIND_MISMATCH");
    }

    @Test
    void a_seat_held_by_another_machine_is_refused_with_when_it_frees_itself() {
        // given a seat that machine-a took a day ago
        var server = started(new InMemoryServer());
        var secret = secret(
                account(server, Plan.PRO).createToken("API").get("secret").asText());
        verified(client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE));
        server.clock().advance(Duration.ofDays(1));

        // when machine-b asks
        var refused = refusal(
                client.verify(address(server.baseUri()), TokenKind.API, secret, new MachineId("machine-b")), secret);

        // then
        assertThat(refused.code()).isEqualTo("SEAT_ASSIGNED_TO_OTHER_MACHINE");
        assertThat(refused.autoReleaseAt()).contains(server.clock().instant().plus(Duration.ofDays(13)));
    }

    @Test
    void a_throttled_address_is_refused_with_when_it_may_try_again() {
        // given twenty unknown secrets sent from this address within the minute
        var server = started(new InMemoryServer());
        var secret = secret(
                account(server, Plan.PRO).createToken("API").get("secret").asText());
        for (int i = 0; i < 20; i++) {
            var unknown = secret(RestApiContract.unknownSecret("swa_"));
            assertThat(refusal(client.verify(address(server.baseUri()), TokenKind.API, unknown, MACHINE), unknown)
                            .code())
                    .isEqualTo("TOKEN_UNKNOWN");
        }

        // when a valid secret is verified
        var refused = refusal(client.verify(address(server.baseUri()), TokenKind.API, secret, MACHINE), secret);

        // then it is slowed down until the first refusal leaves the minute
        assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.retryAt()).contains(server.clock().instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void an_https_address_of_a_plain_http_server_fails_its_tls_handshake() {
        // given the server's address as a bare host and port, which means https://
        var server = started(new InMemoryServer());
        var address = ServerAddress.parse("127.0.0.1:" + server.server().port()).get();
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        // when
        var failure = failure(Unreachable.class, client.verify(address, TokenKind.API, secret, MACHINE), secret);

        // then
        assertThat(failure.reason())
                .isEqualTo("TLS handshake with https://127.0.0.1:"
                        + server.server().port() + " failed (is it an http:// server?)");
    }

    // ---- nothing there, or nothing answering ---------------------------------------------------

    @Test
    void a_closed_port_is_unreachable() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                Unreachable.class,
                client.verify(address(URI.create("http://127.0.0.1:" + port)), TokenKind.API, secret, MACHINE),
                secret);

        assertThat(failure.reason()).isEqualTo("cannot connect to http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void an_unknown_host_is_unreachable() {
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                Unreachable.class,
                client.verify(address(URI.create("http://no-such-host.invalid")), TokenKind.API, secret, MACHINE),
                secret);

        assertThat(failure.reason())
                .isEqualTo("cannot connect to http://no-such-host.invalid: unknown host no-such-host.invalid");
    }

    @Test
    void a_server_that_accepts_and_never_answers_is_unreachable_once_the_answer_timeout_passes() {
        // given a socket that takes connections and says nothing
        var silent = started(new RawServer(socket -> {}));
        var shortened = new HttpLicenseServer(VERSION, Duration.ofSeconds(5), SHORT);
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        // when
        var failure = failure(
                Unreachable.class, shortened.verify(address(silent.base()), TokenKind.API, secret, MACHINE), secret);

        // then
        assertThat(failure.reason()).isEqualTo("no answer from " + silent.base() + " within 300 ms");
    }

    @Test
    void a_body_that_never_ends_is_cut_off_by_the_answer_timeout_too() {
        // given a server that sends its headers, then a body one byte at a time, slower than the timeout
        var trickling = started(new RawServer(socket -> {
            socket.getInputStream().read(new byte[8192]);
            var out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(50);
            }
        }));
        var shortened = new HttpLicenseServer(VERSION, Duration.ofSeconds(5), SHORT);
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        // when
        var failure = failure(
                Unreachable.class, shortened.verify(address(trickling.base()), TokenKind.API, secret, MACHINE), secret);

        // then
        assertThat(failure.reason()).isEqualTo("no answer from " + trickling.base() + " within 300 ms");
    }

    @Test
    void a_server_that_hangs_up_without_answering_is_unreachable() {
        var hangingUp = started(new RawServer(socket -> {
            socket.getInputStream().read(new byte[8192]);
            socket.close();
        }));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                Unreachable.class, client.verify(address(hangingUp.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason()).isEqualTo(hangingUp.base() + " closed the connection without answering");
    }

    @Test
    void a_connection_reset_is_unreachable() {
        // given a server that resets each connection once the request is in
        var resetting = started(new RawServer(socket -> {
            socket.getInputStream().read(new byte[8192]);
            socket.setSoLinger(true, 0);
            socket.close();
        }));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                Unreachable.class, client.verify(address(resetting.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason()).isEqualTo("the connection to " + resetting.base() + " failed: Connection reset");
    }

    @Test
    void something_that_does_not_speak_http_is_an_unexpected_answer() {
        // given a server of another protocol, which greets every connection with its banner
        var other = started(new RawServer(socket -> {
            socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(other.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason())
                .isEqualTo(
                        other.base() + " answered, but not in HTTP/1.1: Invalid status line: \"SSH-2.0-OpenSSH_9.2\"");
    }

    @Test
    void an_interrupted_wait_ends_the_call_and_keeps_the_interrupt() {
        var silent = started(new RawServer(socket -> {}));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        Thread.currentThread().interrupt();
        Either<ServerFailure, VerificationResult> result;
        boolean interrupted;
        try {
            result = client.verify(address(silent.base()), TokenKind.API, secret, MACHINE);
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
        assertThat(failure(Unreachable.class, result, secret).reason())
                .isEqualTo("interrupted while waiting for " + silent.base());
    }

    // ---- something else answers ----------------------------------------------------------------

    @Test
    void the_request_is_a_bodiless_post_with_the_token_the_machine_and_who_asks() {
        // given a fake that records what it is sent
        var fake = started(new FakeServer(exchange -> answer(exchange, 200, "application/json", verification("API"))));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        // when
        var verified = client.verify(address(fake.base()), TokenKind.API, secret, MACHINE);

        // then
        verified(verified);
        assertThat(fake.seen()).hasSize(1);
        var request = fake.seen().peek();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/auth/verify");
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + secret.reveal());
        assertThat(request.headers().get("X-Machine-Id")).containsExactly("machine-a");
        assertThat(request.headers().get("User-Agent")).containsExactly("seatwarden-cli/" + VERSION);
        assertThat(request.headers().get("Accept")).containsExactly("application/json");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void a_path_prefix_in_the_address_is_kept_on_both_surfaces() {
        var fake = started(new FakeServer(exchange -> answer(
                exchange,
                200,
                "application/json",
                verification(exchange.getRequestURI().getPath().contains("integrations") ? "INTEGRATION" : "API"))));
        var server = address(URI.create(fake.base() + "/prefix"));
        var api = secret(RestApiContract.unknownSecret("swa_"));
        var integration = secret(RestApiContract.unknownSecret("swi_"));

        verified(client.verify(server, TokenKind.API, api, MACHINE));
        verified(client.verify(server, TokenKind.INTEGRATION, integration, MACHINE));

        assertThat(fake.seen())
                .extracting(Seen::path)
                .containsExactly("/prefix/v1/auth/verify", "/prefix/v1/integrations/verify");
    }

    @Test
    void a_redirect_is_not_followed_and_names_where_it_leads() {
        // given a fake that redirects the verification elsewhere on itself
        var fake = started(new FakeServer(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/v1/auth/verify")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere/v1/auth/verify");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            } else {
                answer(exchange, 200, "application/json", verification("API"));
            }
        }));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        // when
        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        // then the token went to the given address only
        assertThat(fake.seen()).extracting(Seen::path).containsExactly("/v1/auth/verify");
        assertThat(failure.reason())
                .startsWith(fake.base() + " answered 302, a redirect to " + fake.base() + "/elsewhere/v1/auth/verify;");
    }

    @Test
    void a_proxys_page_for_a_server_it_cannot_reach_is_unreachable() {
        for (int status : new int[] {502, 503, 504}) {
            var fake = started(new FakeServer(
                    exchange -> answer(exchange, status, "text/html", "<html><h1>Service Unavailable</h1></html>")));
            var secret = secret(RestApiContract.unknownSecret("swa_"));

            var failure = failure(
                    Unreachable.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

            assertThat(failure.reason())
                    .startsWith(fake.base() + " answered " + status + " without a Seatwarden answer");
        }
    }

    @Test
    void a_problem_on_a_4xx_is_a_refusal_whatever_its_content_type() {
        var fake = started(new FakeServer(exchange -> answer(
                exchange,
                429,
                "application/json",
                "{\"code\":\"TOO_MANY_ATTEMPTS\",\"detail\":\"slow down\",\"retryAt\":\"2030-01-07T12:00:00Z\"}")));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var refused = refusal(client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.detail()).contains("slow down");
        assertThat(refused.retryAt()).contains(Instant.parse("2030-01-07T12:00:00Z"));
    }

    @Test
    void a_problem_that_says_the_address_is_wrong_or_the_server_failed_is_not_a_refusal() {
        for (int status : new int[] {404, 405, 413, 415, 500}) {
            var fake = started(new FakeServer(exchange -> answer(
                    exchange,
                    status,
                    "application/problem+json",
                    "{\"code\":\"SOMETHING\",\"status\":" + status + "}")));
            var secret = secret(RestApiContract.unknownSecret("swa_"));

            var failure = failure(
                    UnexpectedAnswer.class,
                    client.verify(address(fake.base()), TokenKind.API, secret, MACHINE),
                    secret);

            assertThat(failure.reason()).startsWith(fake.base() + " answered " + status + " SOMETHING: ");
        }
    }

    @Test
    void a_busy_server_is_unreachable_for_now() {
        var fake = started(new FakeServer(
                exchange -> answer(exchange, 503, "application/problem+json", "{\"code\":\"SERVICE_BUSY\"}")));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure =
                failure(Unreachable.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason()).isEqualTo(fake.base() + " cannot answer now (503 SERVICE_BUSY); try again later");
    }

    @Test
    void the_timeouts_are_the_specs_by_default() {
        assertThat(HttpLicenseServer.CONNECT_TIMEOUT).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(HttpLicenseServer.ANSWER_TIMEOUT).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void a_server_error_page_is_an_unexpected_answer() {
        var fake = started(new FakeServer(exchange -> answer(exchange, 500, "text/html", "<html>oops</html>")));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason())
                .isEqualTo(fake.base() + " answered 500 (text/html), not as a Seatwarden server does");
    }

    @Test
    void a_200_that_is_not_json_is_an_unexpected_answer() {
        var fake = started(new FakeServer(exchange -> answer(exchange, 200, "text/html", "<html>welcome</html>")));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason()).isEqualTo(fake.base() + " answered 200, but not with a verification in JSON");
    }

    @Test
    void a_200_with_fields_missing_names_them() {
        var fake = started(new FakeServer(exchange -> answer(
                exchange, 200, "application/json", "{\"valid\":true,\"accountId\":\"acc_1\",\"kind\":\"API\"}")));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason())
                .isEqualTo(fake.base() + " answered 200, but not with a verification: tokenId is missing;"
                        + " seat.machineId is missing; seat.assignment is missing; seat.autoReleaseAt is missing");
    }

    @Test
    void a_200_with_fields_of_the_wrong_type_or_value_is_an_unexpected_answer() {
        var bodies = List.of(
                verification("API").replace("\"valid\":true", "\"valid\":\"true\""),
                verification("API").replace("\"valid\":true", "\"valid\":false"),
                verification("API").replace("\"acc_1\"", "1"),
                verification("API").replace("\"NEW\"", "\"LATER\""),
                verification("API").replace("2030-01-21T09:00:00Z", "tomorrow"),
                verification("API").replace("\"machine-a\"", "\"machine-b\""),
                verification("INTEGRATION"),
                "[" + verification("API") + "]",
                verification("API") + " trailing");
        for (var body : bodies) {
            var fake = started(new FakeServer(exchange -> answer(exchange, 200, "application/json", body)));
            var secret = secret(RestApiContract.unknownSecret("swa_"));

            var result = client.verify(address(fake.base()), TokenKind.API, secret, MACHINE);

            assertThat(failure(UnexpectedAnswer.class, result, secret).reason())
                    .as(body)
                    .startsWith(fake.base() + " answered 200, but not with a verification");
        }
    }

    @Test
    void an_answer_over_64_kib_is_not_read() {
        var megabyte = "x".repeat(1024 * 1024);
        var fake = started(new FakeServer(exchange -> answer(exchange, 200, "application/json", megabyte)));
        var secret = secret(RestApiContract.unknownSecret("swa_"));

        var failure = failure(
                UnexpectedAnswer.class, client.verify(address(fake.base()), TokenKind.API, secret, MACHINE), secret);

        assertThat(failure.reason())
                .isEqualTo(fake.base() + " answered 200 with more than 64 KiB, not as a Seatwarden server does");
    }

    @Test
    void an_echoed_token_is_cut_out_of_what_the_server_says() {
        // given a fake that repeats the Authorization header it got in its problem and in a Location
        var fake = started(new FakeServer(exchange -> {
            var authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (exchange.getRequestURI().getPath().contains("integrations")) {
                exchange.getResponseHeaders().add("Location", "/login?token=" + authorization.substring(7));
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
            } else {
                answer(
                        exchange,
                        401,
                        "application/problem+json",
                        "{\"code\":\"BAD_" + authorization.substring(7) + "\",\"detail\":\"you sent " + authorization
                                + "\"}");
            }
        }));
        var api = secret(RestApiContract.unknownSecret("swa_"));
        var integration = secret(RestApiContract.unknownSecret("swi_"));

        // when
        var refused = refusal(client.verify(address(fake.base()), TokenKind.API, api, MACHINE), api);
        var redirected = failure(
                UnexpectedAnswer.class,
                client.verify(address(fake.base()), TokenKind.INTEGRATION, integration, MACHINE),
                integration);

        // then (refusal() and failure() check that the secret is nowhere in them)
        assertThat(refused.detail()).contains("you sent Bearer [the token]");
        assertThat(refused.code()).isEqualTo("BAD_[the token]");
        assertThat(redirected.reason()).contains("/login?token=[the token]");
    }

    @Test
    void the_version_sent_must_fit_a_header() {
        for (var version : new String[] {"", "1.0 beta", "1.0\r\nX-Evil: 1", "é"}) {
            var thrown = catchThrowable(() -> new HttpLicenseServer(version));
            assertThat(thrown).as(version).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private <T extends AutoCloseable> T started(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private Session account(InMemoryServer server, Plan plan) {
        var email = "owner" + accounts.incrementAndGet() + "@example.com";
        server.openAccount(email, plan, PASSWORD);
        return Session.signIn(new Http(server.baseUri()), email, PASSWORD);
    }

    private static ServerAddress address(URI base) {
        return ServerAddress.parse(base.toString()).get();
    }

    private static Secret secret(String raw) {
        return SecretFormat.parse(raw).get();
    }

    private static VerificationResult verified(Either<ServerFailure, VerificationResult> result) {
        assertThat(result.isRight()).as("%s", result).isTrue();
        return result.get();
    }

    private static Refused refusal(Either<ServerFailure, VerificationResult> result, Secret secret) {
        return failure(Refused.class, result, secret);
    }

    /** The failure, of the kind expected, without the secret anywhere in it. */
    private static <F extends ServerFailure> F failure(
            Class<F> kind, Either<ServerFailure, VerificationResult> result, Secret secret) {
        assertThat(result.isLeft()).as("%s", result).isTrue();
        assertThat(result.getLeft()).isInstanceOf(kind);
        assertThat(result.getLeft().toString()).doesNotContain(secret.reveal());
        return kind.cast(result.getLeft());
    }

    /** A well-formed 200 body for machine-a, of {@code kind}. */
    private static String verification(String kind) {
        return "{\"valid\":true,\"accountId\":\"acc_1\",\"tokenId\":\"tok_1\",\"kind\":\"" + kind + "\","
                + "\"seat\":{\"machineId\":\"machine-a\",\"assignment\":\"NEW\","
                + "\"autoReleaseAt\":\"2030-01-21T09:00:00Z\"}}";
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientLeft) {
            // the client may stop reading (a body over its limit); that is the point of some tests
        } finally {
            exchange.close();
        }
    }

    /** A request as a fake saw it. */
    private record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {}

    /** An HTTP server on loopback that records each request and answers as told. */
    private static final class FakeServer implements AutoCloseable {

        interface Handler {
            void handle(HttpExchange exchange) throws IOException;
        }

        private final HttpServer server;
        private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

        FakeServer(Handler handler) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                seen.add(new Seen(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        copy(exchange.getRequestHeaders()),
                        exchange.getRequestBody().readAllBytes()));
                handler.handle(exchange);
            });
            server.start();
        }

        private static Map<String, List<String>> copy(Headers headers) {
            var copy = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return copy;
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        Queue<Seen> seen() {
            return seen;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A bare socket server on loopback, for what an HTTP server would not do. */
    private static final class RawServer implements AutoCloseable {

        interface Conversation {
            void talk(Socket socket) throws Exception;
        }

        private final ServerSocket socket;
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor;

        RawServer(Conversation conversation) {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                var connection = socket.accept();
                                synchronized (accepted) {
                                    accepted.add(connection);
                                }
                                conversation.talk(connection);
                            } catch (Exception closedOrGone) {
                                // closed by close(), or the client left: either way, on to the next
                            }
                        }
                    },
                    "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (accepted) {
                for (var connection : accepted) {
                    connection.close();
                }
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
