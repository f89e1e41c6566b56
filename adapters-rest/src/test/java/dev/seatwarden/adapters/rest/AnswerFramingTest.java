package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint's JSON answer goes out with its length, not chunked: Jetty then sends head and body in
 * one write (docs/benchmarks.md: chunked answers took a second write each, for the last chunk).
 */
class AnswerFramingTest {

    private final InMemoryServer server =
            new InMemoryServer(RestSettings.defaults().withPort(0), UnaryOperator.identity());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_json_answer_carries_its_length_and_is_not_chunked() throws IOException {
        for (var path : new String[] {"/health/live", "/health"}) {
            // When an endpoint answers with a body, on a connection that the client then closes
            var raw = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            // Then the head gives the body's exact length in bytes, and no chunked framing
            int end = raw.indexOf("\r\n\r\n");
            var head = raw.substring(0, end).toLowerCase(Locale.ROOT);
            var body = raw.substring(end + 4);
            assertThat(head).as(path).startsWith("http/1.1 200").doesNotContain("transfer-encoding");
            assertThat(head.split("\r\n"))
                    .as(path)
                    .contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length);
            assertThat(body).as(path).startsWith("{").endsWith("}");
        }
    }

    private String exchange(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var bytes = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
