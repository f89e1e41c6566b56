package dev.seatwarden.application.port.in;

/**
 * Forgets what has ended: sessions past their idle or absolute limit, sign-in failures older than
 * the throttle's window. Nothing depends on it running (ended sessions are refused anyway); it
 * keeps the store small.
 */
public interface PurgeSessionsUseCase {

    /** @return how many sessions and failures were forgotten */
    int purge();
}
