package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.rest.contract.Http;
import dev.seatwarden.adapters.rest.contract.Http.Reply;
import dev.seatwarden.domain.account.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the answer is never a 5xx, and every refusal is a problem. */
class BadInputTest {

    private InMemoryServer server;
    private Http http;
    private String cookie;
    private String csrf;

    @BeforeEach
    void start() {
        server = new InMemoryServer();
        http = new Http(server.baseUri());
        server.openAccount("owner@example.com", Plan.PRO, "correct horse battery staple");
        var signedIn = http.call("POST", "/v1/session")
                .json("{\"email\":\"owner@example.com\",\"password\":\"correct horse battery staple\"}")
                .send();
        var setCookie = signedIn.header("Set-Cookie");
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrf = signedIn.json().get("csrfToken").asText();
    }

    @AfterEach
    void stop() {
        assertThat(http.get("/health").json().get("status").asText()).isEqualTo("UP");
        server.close();
    }

    private Http.Call signed(String method, String path) {
        return http.call(method, path).header("Cookie", cookie).header("X-CSRF-Token", csrf);
    }

    private static void assertRefusedCleanly(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 499);
        if (reply.status() >= 300) {
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json; charset=utf-8");
            assertThat(reply.json().get("code").asText()).isNotBlank();
        }
    }

    @Test
    void malformed_and_mistyped_bodies_are_400s() {
        var deep = "[".repeat(10_000);
        var deepObject = "{\"a\":".repeat(3_000);
        var malformed = List.of(
                "",
                "nul",
                "null",
                "[]",
                "[{}]",
                "\"text\"",
                "42",
                "true",
                "{",
                "}",
                "{\"name\":}",
                "{'name':'x'}",
                "{\"name\":\"x\"}{}",
                "{\"name\":\"x\"} trailing",
                deep,
                deepObject,
                "{\"a\":1,\"a\":1}",
                "{\"name\":\"\\ud800\"",
                "\u0000{}");
        for (var body : malformed) {
            var reply = signed("POST", "/v1/tokens").json(body).send();
            assertRefusedCleanly(reply);
            assertThat(reply.status())
                    .as(body.length() > 50 ? body.substring(0, 50) : body)
                    .isEqualTo(400);
        }
        var mistyped = List.of(
                "{\"name\":1e400,\"kind\":\"API\"}",
                "{\"name\":\"x\",\"kind\":99999999999999999999}",
                "{\"name\":\"x\",\"kind\":\"API\",\"expiresAt\":12}",
                "{\"name\":{\"a\":1},\"kind\":\"API\"}",
                "{\"name\":\"x\",\"kind\":\"API\",\"unknown\":null}",
                "{\"name\":\"a\\u0007b\",\"kind\":\"API\"}",
                "{\"name\":\"a\\u202Eb\",\"kind\":\"API\"}",
                "{\"name\":\"" + "é".repeat(101) + "\",\"kind\":\"API\"}");
        for (var body : mistyped) {
            var reply = signed("POST", "/v1/tokens").json(body).send();
            assertRefusedCleanly(reply);
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        var rotate = List.of(
                "{\"graceMinutes\":1e400}", "{\"graceMinutes\":99999999999999999999}", "{\"graceMinutes\":true}");
        for (var body : rotate) {
            var reply = signed("POST", "/v1/tokens/tok_x/rotate").json(body).send();
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        // invalid UTF-8
        var invalid = signed("POST", "/v1/tokens")
                .header("Content-Type", "application/json")
                .body(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})
                .send();
        assertThat(invalid.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void big_bodies_and_wrong_types_are_refused() {
        var big = ("{\"secrets\":[\"" + "x".repeat(17 * 1024) + "\"]}").getBytes(StandardCharsets.UTF_8);
        var reply = http.call("POST", "/v1/credentials/revoke")
                .header("Content-Type", "application/json")
                .body(big)
                .send();
        assertThat(reply.status()).isEqualTo(413);
        assertRefusedCleanly(reply);
        // (on the leak report, which needs no authentication: a verification checks its token first)
        var chunked = http.call("POST", "/v1/credentials/revoke")
                .header("Content-Type", "application/json")
                .chunked(big)
                .send();
        assertThat(chunked.status()).isEqualTo(413);
        for (var type : List.of(
                "application/json; charset=utf-16",
                "application/jsonx",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "application/json; foo=bar",
                ";;;",
                "")) {
            var refused = signed("POST", "/v1/tokens")
                    .header("Content-Type", type.isEmpty() ? "x" : type)
                    .body("{\"name\":\"x\",\"kind\":\"API\"}".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertRefusedCleanly(refused);
            assertThat(refused.status()).as(type).isEqualTo(415);
        }
    }

    @Test
    void ids_with_path_tricks_name_no_token() {
        var paths = List.of(
                "/v1/tokens/..%2F..%2Fv1%2Faccount",
                "/v1/tokens/%2e%2e",
                "/v1/tokens/%00",
                "/v1/tokens/%zz",
                "/v1/tokens/%",
                "/v1/tokens/%u0041",
                "/v1/tokens/" + "a".repeat(5_000),
                "/v1/tokens/%C3%28",
                "/v1/tokens/tok_1;jsessionid=1",
                "/v1/tokens/%20",
                "/v1/tokens/../account",
                "/v1/./account");
        for (var path : paths) {
            var reply = rawRequest(
                    "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n");
            assertThat(reply.status).as(path).isBetween(400, 499);
            assertThat(reply.contentType).as(path).isEqualTo("application/problem+json; charset=utf-8");
        }
    }

    @Test
    void control_and_non_ascii_characters_in_headers_are_refused_cleanly() {
        var requests = List.of(
                "POST /v1/auth/verify HTTP/1.1\r\nHost: x\r\nX-Machine-Id: m\u0001x\r\nAuthorization: Bearer a\r\nConnection: close\r\n\r\n",
                "POST /v1/auth/verify HTTP/1.1\r\nHost: x\r\nX-Machine-Id: mäschine\r\nAuthorization: Bearer swa_ü\r\nConnection: close\r\n\r\n",
                "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\u0007b\r\nConnection: close\r\n\r\n",
                "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: ïd\r\nConnection: close\r\n\r\n",
                "GET /v1/account HTTP/1.1\r\nHost: x\r\nCookie: seatwarden_session=\u0000\u00ff\r\nConnection: close\r\n\r\n",
                "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n",
                "BREW /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /health/live HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /v1/credentials/revoke HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        for (var request : requests) {
            var reply = rawRequest(request);
            var label = request.length() > 60 ? request.substring(0, 60) : request;
            // HTTP/9.9 is answered 505 HTTP Version Not Supported, the one 5xx the protocol asks for.
            assertThat(reply.status).as(label).isBetween(200, request.contains("HTTP/9.9") ? 505 : 499);
            assertThat(reply.raw).as(label).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("Server:");
            if (reply.status >= 300) {
                assertThat(reply.contentType).as(label).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void hundreds_of_random_requests_never_get_a_5xx() {
        long seed = new Random().nextLong();
        System.out.println("BadInputTest random seed: " + seed);
        var random = new Random(seed);
        var methods = List.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS");
        var paths = List.of(
                "/",
                "/health",
                "/health/live",
                "/openapi.json",
                "/v1/session",
                "/v1/account",
                "/v1/tokens",
                "/v1/tokens/tok_1",
                "/v1/tokens/tok_1/revoke",
                "/v1/tokens/tok_1/rotate",
                "/v1/tokens/tok_1/seat/release",
                "/v1/audit-events",
                "/v1/auth/verify",
                "/v1/integrations/verify",
                "/v1/credentials/revoke",
                "/v1/tokens?kind=API",
                "/v1/audit-events?limit=7&before=x");
        var bodies = List.of(
                "{}",
                "{\"name\":\"x\",\"kind\":\"API\"}",
                "{\"secrets\":[\"a\"]}",
                "{\"graceMinutes\":3}",
                "{\"email\":\"owner@example.com\",\"password\":\"nope nope nope\"}",
                "[",
                "null",
                "{\"a\":[{}]}");
        var failures = new ArrayList<String>();
        for (int i = 0; i < 400; i++) {
            var method = methods.get(random.nextInt(methods.size()));
            var path = mutate(paths.get(random.nextInt(paths.size())), random);
            var call = random.nextBoolean() ? signed(method, path) : http.call(method, path);
            if (random.nextInt(3) == 0) {
                call.header("Authorization", "Bearer " + randomText(random, 40));
                call.header("X-Machine-Id", randomText(random, 10));
            }
            if (random.nextInt(5) == 0) {
                call.header("X-Request-Id", randomText(random, 20));
            }
            if (!method.equals("GET") && random.nextBoolean()) {
                var body = random.nextInt(4) == 0 ? randomText(random, 200) : bodies.get(random.nextInt(bodies.size()));
                call.json(body);
            }
            Reply reply;
            try {
                reply = call.send();
            } catch (RuntimeException e) {
                failures.add(method + " " + path + " -> " + e);
                continue;
            }
            if (reply.status() >= 500
                    || (reply.status() >= 300
                            && !"application/problem+json; charset=utf-8".equals(reply.header("Content-Type")))) {
                failures.add(method + " " + path + " -> " + reply.status() + " " + reply.header("Content-Type"));
            }
        }
        assertThat(failures).as("seed " + seed).isEmpty();
    }

    private static String mutate(String path, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> path + "/";
            case 1 -> path.replace("tok_1", randomSegment(random));
            case 2 -> path + "?" + randomSegment(random) + "=" + randomSegment(random);
            default -> path;
        };
    }

    private static final List<String> PIECES =
            List.of("abc", "XYZ", "019", "-", "_", ".", "..", "~", "%2F", "%00", "%41", "%25", "%C3%A9", "tok_", "%2e");

    private static String randomSegment(Random random) {
        var out = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            out.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return out.toString();
    }

    private static String randomText(Random random, int max) {
        var out = new StringBuilder();
        for (int i = 0; i < random.nextInt(max + 1); i++) {
            out.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return out.toString();
    }

    private record RawReply(int status, String contentType, String raw) {}

    private RawReply rawRequest(String request) {
        try (var socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var out = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            try {
                int n;
                while ((n = socket.getInputStream().read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException closedByServer) {
                // a reset after the answer: what was read is the answer
            }
            var text = out.toString(StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return new RawReply(400, "application/problem+json; charset=utf-8", "(closed without answer)");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = null;
            for (var line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
                if (line.isEmpty()) {
                    break;
                }
            }
            return new RawReply(status, contentType, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
