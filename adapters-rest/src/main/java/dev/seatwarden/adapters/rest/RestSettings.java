package dev.seatwarden.adapters.rest;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens.
 *
 * @param bindAddress the address to listen on ({@code 127.0.0.1} by default)
 * @param port the port; 0 for any free one (tests)
 * @param trustedProxy the proxy whose forwarded headers are believed; none: they are ignored
 * @param idleTimeout idle connections close after this (30 s)
 * @param shutdownGrace how long a stop waits for requests in flight
 */
public record RestSettings(
        String bindAddress, int port, Option<String> trustedProxy, Duration idleTimeout, Duration shutdownGrace) {
    public RestSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(trustedProxy, "trustedProxy");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0 to 65535");
        }
    }

    /** {@code 127.0.0.1:8080}, no proxy trusted, 30 s idle timeout, 30 s to finish requests on stop. */
    public static RestSettings defaults() {
        return new RestSettings("127.0.0.1", 8080, Option.none(), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public RestSettings withPort(int newPort) {
        return new RestSettings(bindAddress, newPort, trustedProxy, idleTimeout, shutdownGrace);
    }

    public RestSettings withBindAddress(String address) {
        return new RestSettings(address, port, trustedProxy, idleTimeout, shutdownGrace);
    }

    public RestSettings withTrustedProxy(Option<String> proxy) {
        return new RestSettings(bindAddress, port, proxy, idleTimeout, shutdownGrace);
    }
}
