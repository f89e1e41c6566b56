package dev.seatwarden.bootstrap;

/** What ends {@code serve}: SIGTERM or Ctrl-C in a real process, the test itself in tests. */
interface StopSignal {

    /** Starts listening for the stop, before the server starts, so that an early one is not lost. */
    void arm();

    /** Waits for the stop. */
    void await() throws InterruptedException;
}
