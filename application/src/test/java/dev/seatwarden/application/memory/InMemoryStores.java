package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.Stores;

/** Fresh in-memory stores for the storage contracts. */
final class InMemoryStores {

    private InMemoryStores() {}

    static Stores fresh() {
        var adapters = new InMemoryAdapters();
        return new Stores(
                adapters.accounts(), adapters.tokens(), adapters.seats(), adapters.auditLog(), adapters.transactions());
    }
}
