package dev.seatwarden.bootstrap.architecture.planted.domain;

import dev.seatwarden.bootstrap.architecture.planted.adapters.rest.PlantedRoutes;

/** Points outwards, from the centre of the onion to an adapter. */
public final class EntityUsingAnAdapter {

    public String route(PlantedRoutes routes) {
        return routes.path();
    }
}
