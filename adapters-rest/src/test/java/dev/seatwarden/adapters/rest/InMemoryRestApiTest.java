package dev.seatwarden.adapters.rest;

import dev.seatwarden.adapters.rest.contract.RestApiContract;
import dev.seatwarden.adapters.rest.contract.ServerUnderTest;

/** The REST contract over in-memory storage. */
class InMemoryRestApiTest extends RestApiContract {

    @Override
    protected ServerUnderTest startServer() {
        return new InMemoryServer();
    }
}
