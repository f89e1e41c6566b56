package dev.seatwarden.bootstrap.architecture.planted.adapters.rest;

import dev.seatwarden.bootstrap.architecture.planted.adapters.persistence.PlantedTokens;

/** Reaches from the REST adapter straight into the persistence adapter. */
public final class PlantedRoutes {

    private final PlantedTokens tokens = new PlantedTokens();

    public String path() {
        return "/v1/tokens?count=" + tokens.count();
    }
}
