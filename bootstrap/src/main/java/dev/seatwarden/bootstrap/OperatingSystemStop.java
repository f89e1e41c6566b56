package dev.seatwarden.bootstrap;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as the stop of {@code serve}. Handling them ourselves, rather than in
 * a shutdown hook, lets the main thread stop the server in order and then exit with status 0: a
 * JVM ended by a signal's default action exits with 128 + the signal (143 for SIGTERM).
 */
final class OperatingSystemStop implements StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public void arm() {
        for (var name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal (INT is always there, TERM not on every one)
            }
        }
    }

    @Override
    public void await() throws InterruptedException {
        stop.await();
    }
}
