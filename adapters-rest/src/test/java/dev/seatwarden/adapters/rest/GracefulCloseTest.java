package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.adapters.rest.contract.Http;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() lets requests in flight finish, then refuses connections. */
class GracefulCloseTest {

    @Test
    void a_request_in_flight_completes_while_the_server_closes_and_new_connections_are_refused_after()
            throws Exception {
        // given a health check that blocks until the test lets it go
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var settings = RestSettings.defaults().withPort(0);
        var server = new InMemoryServer(
                settings,
                useCases -> useCases.withDatabaseUp(() -> {
                    entered.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
        var port = server.server().port();
        var http = new Http(server.baseUri());
        var inFlight = CompletableFuture.supplyAsync(() -> http.get("/health"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        // when the server closes while the request runs
        var closing = CompletableFuture.runAsync(server::close);
        // (the stop closes the connector first: once a new connection is refused, the close has
        // begun, and with the request still held it cannot have ended; no sleep decides this)
        awaitRefused(port);
        assertThat(closing).as("the close waits for the request in flight").isNotDone();
        release.countDown();
        // then the request completes, and the close with it
        var reply = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        closing.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        // and closing again does nothing
        server.close();
    }

    /** Waits (up to 30 s, for a loaded machine) until a new connection to {@code port} is refused. */
    private static void awaitRefused(int port) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server still accepted connections 30 s after close() began");
    }

    @Test
    void two_servers_run_side_by_side() {
        try (var one = new InMemoryServer();
                var two = new InMemoryServer()) {
            assertThat(one.server().port()).isNotEqualTo(two.server().port());
            assertThat(new Http(one.baseUri()).get("/health/live").status()).isEqualTo(200);
            assertThat(new Http(two.baseUri()).get("/health/live").status()).isEqualTo(200);
        }
    }
}
