package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A verification's token is its authentication: a bad one is refused before a byte of the body is
 * read (rest-api.md: 401 before 415/413/400), so a client that asks whether to send its body
 * ({@code Expect: 100-continue}) gets the 401 instead of an invitation to send it.
 */
class VerifyTokenBeforeBodyTest {

    private final InMemoryServer server =
            new InMemoryServer(RestSettings.defaults().withPort(0), UnaryOperator.identity());

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer swa_not-a-secret", "Basic dXNlcjpwYXNz", "Bearer swi_not-a-secret"})
    void a_bad_token_is_refused_before_the_body_is_asked_for(String authorization) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            // When a client announces a body and waits to be asked for it
            var head = "POST /v1/auth/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nX-Machine-Id: machine-a\r\nContent-Type: application/json\r\nContent-Length: 2"
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            // Then the first thing it reads is the refusal, not "100 Continue"
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).startsWith("HTTP/1.1 401");
        }
    }
}
