package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.SeatsContract;
import dev.seatwarden.application.port.out.contract.Stores;

/** The seats contract, run against {@link InMemorySeats}. */
class InMemorySeatsContractTest extends SeatsContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
