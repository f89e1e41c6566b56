package dev.seatwarden.bootstrap.architecture.planted.application;

import java.time.Clock;

/** Makes its own clock instead of taking the injected one. */
public final class ServiceCreatingASystemClock {

    public Clock clock() {
        return Clock.systemDefaultZone();
    }
}
