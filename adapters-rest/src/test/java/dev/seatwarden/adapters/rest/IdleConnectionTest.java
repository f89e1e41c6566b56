package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** rest-api.md: idle connections close after 30 s. */
class IdleConnectionTest {

    @Test
    void the_default_idle_timeout_is_30_seconds() {
        assertThat(RestSettings.defaults().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_server_closes_a_kept_alive_connection_that_stays_idle_for_its_timeout() throws IOException {
        // Given a server whose idle timeout is short, so that the test need not wait 30 s
        var settings = new RestSettings("127.0.0.1", 0, Option.none(), Duration.ofMillis(300), Duration.ofSeconds(5));
        try (var server = new InMemoryServer(settings, UnaryOperator.identity());
                var socket = new Socket("127.0.0.1", server.server().port())) {
            // When a keep-alive request is answered and the connection then stays idle
            socket.getOutputStream()
                    .write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Then the server ends the connection by itself: the read meets the end of the stream,
            // not the read timeout of the test (generous for 300 ms, yet below Jetty's own default of 30 s)
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            var received = readToEnd(socket.getInputStream());
            assertThat(received).startsWith("HTTP/1.1 200");
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError(
                    "the idle connection was still open after 20 s (Jetty's own default is 30 s)", stillOpen);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
