package dev.seatwarden.adapters.rest;

/**
 * The REST API of {@code rest-api.md} (and the dashboard at {@code /}) on sparkjava, one instance
 * per object ({@code Service.ignite()}), so that several can run side by side.
 */
public final class RestServer implements AutoCloseable {

    private RestServer() {}

    /** Starts a server and returns once it accepts connections. */
    public static RestServer start(RestSettings settings, RestUseCases useCases) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The port it listens on (the one chosen when the settings asked for 0). */
    public int port() {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Stops gracefully: accepts no new connection, lets requests in flight finish (up to the
     * settings' grace), then closes. Idempotent.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not built yet");
    }
}
