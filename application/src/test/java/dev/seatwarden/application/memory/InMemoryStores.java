package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AccessStores;
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

    /** New, empty in-memory sign-in stores, beside their accounts, sharing one transaction boundary. */
    public static AccessStores freshAccess() {
        var adapters = new InMemoryAdapters();
        return new AccessStores(
                adapters.accounts(),
                adapters.passwords(),
                adapters.sessions(),
                adapters.signInFailures(),
                adapters.transactions());
    }
}
