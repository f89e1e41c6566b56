package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of the REST API for end-to-end tests: signs in, creates a token, verifies it. Holds the
 * session cookie and the CSRF token it got, to check they never show up where they must not.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MACHINE = "e2e-machine-0001";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String sessionCookie;
    private String csrfToken;

    /** @param baseUrl {@code http://host:port/} */
    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** An answer: status, JSON body (a missing node when the body is empty) and headers. */
    record Answer(int status, JsonNode body, HttpHeaders headers) {
        String code() {
            return body.path("code").asText();
        }

        /** Without the headers, which could carry a cookie into an assertion's message. */
        @Override
        public String toString() {
            return "Answer[status=" + status + ", body=" + body + "]";
        }
    }

    Answer health() {
        return send(request("/health").GET());
    }

    void signIn(String email, String password) {
        var body = JSON.createObjectNode().put("email", email).put("password", password);
        var response =
                sendRaw(request("/v1/session").POST(json(body.toString())).header("Content-Type", "application/json"));
        assertThat(response.statusCode()).as("sign-in").isEqualTo(200);
        sessionCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("seatwarden_session="))
                .map(cookie -> cookie.substring("seatwarden_session=".length()).split(";", 2)[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no seatwarden_session cookie"));
        csrfToken = parse(response.body()).path("csrfToken").asText();
        assertThat(csrfToken).as("csrfToken").isNotBlank();
    }

    /** Creates an API token as the signed-in account; answers its secret. */
    String createApiToken(String name) {
        return createToken(name, "API");
    }

    /** Creates a token of {@code kind} ({@code API} or {@code INTEGRATION}); answers its secret. */
    String createToken(String name, String kind) {
        return create(name, kind).secret();
    }

    /** A token just created: its id, and its secret (which {@link #toString()} leaves out). */
    record Created(String id, String secret) {
        @Override
        public String toString() {
            return "Created[id=" + id + "]";
        }
    }

    /** Creates a token of {@code kind} ({@code API} or {@code INTEGRATION}); answers its id and secret. */
    Created create(String name, String kind) {
        var body = JSON.createObjectNode().put("name", name).put("kind", kind);
        var answer = send(request("/v1/tokens")
                .POST(json(body.toString()))
                .header("Content-Type", "application/json")
                .header("Cookie", "seatwarden_session=" + sessionCookie)
                .header("X-CSRF-Token", csrfToken));
        assertThat(answer.status()).as("token creation: %s", answer.code()).isEqualTo(201);
        return new Created(
                answer.body().path("id").asText(), answer.body().path("secret").asText());
    }

    Answer verify(String secret) {
        return verify(secret, MACHINE);
    }

    /** Verifies {@code secret} from the machine {@code machineId} ({@code X-Machine-Id}). */
    Answer verify(String secret, String machineId) {
        return send(request("/v1/auth/verify")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + secret)
                .header("X-Machine-Id", machineId));
    }

    /** {@code POST /v1/tokens/{id}/revoke} as the signed-in account. */
    Answer revoke(String tokenId) {
        return managementPost("/v1/tokens/" + tokenId + "/revoke");
    }

    /** {@code POST /v1/tokens/{id}/seat/release} as the signed-in account (R14). */
    Answer release(String tokenId) {
        return managementPost("/v1/tokens/" + tokenId + "/seat/release");
    }

    /** The same session (cookie and CSRF token) on another server, for example another node on the same database. */
    ApiClient sameSessionAt(String otherBaseUrl) {
        assertThat(sessionCookie).as("signed in").isNotNull();
        var other = new ApiClient(otherBaseUrl);
        other.sessionCookie = sessionCookie;
        other.csrfToken = csrfToken;
        return other;
    }

    private Answer managementPost(String path) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Cookie", "seatwarden_session=" + sessionCookie)
                .header("X-CSRF-Token", csrfToken));
    }

    /** Reports {@code secret} as leaked (R21): its token is revoked at once. */
    Answer reportLeaked(String secret) {
        var body = JSON.createObjectNode();
        body.putArray("secrets").add(secret);
        return send(request("/v1/credentials/revoke")
                .POST(json(body.toString()))
                .header("Content-Type", "application/json"));
    }

    String sessionCookie() {
        return sessionCookie;
    }

    String csrfToken() {
        return csrfToken;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private Answer send(HttpRequest.Builder request) {
        var response = sendRaw(request);
        return new Answer(response.statusCode(), parse(response.body()), response.headers());
    }

    private HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
