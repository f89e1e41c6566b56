package dev.seatwarden.bootstrap.architecture.planted.bootstrap;

import dev.seatwarden.bootstrap.architecture.planted.adapters.rest.PlantedRoutes;
import dev.seatwarden.bootstrap.architecture.planted.application.ServiceWithALogger;
import dev.seatwarden.bootstrap.architecture.planted.domain.CleanEntity;
import java.time.Clock;

/** Breaks no rule: bootstrap may create the system clock and depend on every ring. */
public final class PlantedWiring {

    public String wire() {
        var clock = Clock.systemUTC();
        new ServiceWithALogger().run();
        return new CleanEntity().expiresAt(clock) + new PlantedRoutes().path();
    }
}
