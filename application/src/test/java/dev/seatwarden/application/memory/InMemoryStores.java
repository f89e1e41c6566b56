package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.Stores;

/** Fresh in-memory stores, as the storage contracts and the state machine take them. */
public final class InMemoryStores {

    private InMemoryStores() {}

    /** New, empty in-memory stores sharing one transaction boundary. */
    public static Stores fresh() {
        var adapters = new InMemoryAdapters();
        return new Stores(
                adapters.accounts(), adapters.tokens(), adapters.seats(), adapters.auditLog(), adapters.transactions());
    }
}
